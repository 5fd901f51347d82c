// The package as users get it: `npm pack` of this repo (dist/ must be built), installed offline
// into a fresh project in a temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** Runs a command; a failure throws with its output. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

export interface PackedProject {
  /** The consumer project's directory. */
  dir: string;
  /** Where wink-link was installed: dir/node_modules/wink-link. */
  installed: string;
  remove(): void;
}

/** A fresh ESM project (`prefix` names its temp dir) with the packed wink-link installed. */
export function installPacked(prefix: string): PackedProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], ROOT).trim().split('\n').pop()!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, tarball)], dir);
  return {
    dir,
    installed: join(dir, 'node_modules/wink-link'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
