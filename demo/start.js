// `npm run demo`: starts the mock Smile API, the sandbox Wink widget and the host payroll page,
// prints the URL to open, and stops cleanly on Ctrl-C.
// Ports: --host-port/--widget-port/--api-port/--bridge-port or HOST_PORT/WIDGET_PORT/API_PORT/
// BRIDGE_PORT; token lifetime:
// --token-ttl or TOKEN_TTL_SECONDS.
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({
  options: {
    'host-port': { type: 'string', default: process.env.HOST_PORT },
    'widget-port': { type: 'string', default: process.env.WIDGET_PORT },
    'api-port': { type: 'string', default: process.env.API_PORT },
    'bridge-port': { type: 'string', default: process.env.BRIDGE_PORT },
    'token-ttl': { type: 'string', default: process.env.TOKEN_TTL_SECONDS },
  },
});

function number(name, value) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}.`);
    process.exit(1);
  }
  return n;
}

// Node 20 cannot run TypeScript: vite's module runner loads the demo (and the SDK sources).
const { module } = await runnerImport(new URL('./start-demo.ts', import.meta.url).pathname, {
  configFile: false,
  logLevel: 'warn',
});
const { startDemo, DEMO_DEFAULTS } = module;

let demo;
try {
  demo = await startDemo({
    hostPort: number('host-port', values['host-port']),
    widgetPort: number('widget-port', values['widget-port']),
    apiPort: number('api-port', values['api-port']),
    bridgePort: number('bridge-port', values['bridge-port']),
    tokenTtlSeconds: number('token-ttl', values['token-ttl']),
  });
} catch (error) {
  if (error?.name !== 'PortInUseError') throw error;
  const flag = {
    'host page': 'host-port',
    'sandbox widget': 'widget-port',
    'mock Smile API': 'api-port',
    'Smile bridge': 'bridge-port',
  }[error.label];
  console.error(
    `\n✗ ${error.message}\n  Stop whatever uses it, or pick another port: npm run demo -- --${flag}=${error.port + 10}` +
      `  (or ${flag.replace('-', '_').toUpperCase()}=${error.port + 10} npm run demo)\n`,
  );
  process.exit(1);
}

const ttl = number('token-ttl', values['token-ttl']) ?? DEMO_DEFAULTS.tokenTtlSeconds;
console.log(`
  wink-link demo is running. Open:

    ➜  ${demo.urls.host}

  sandbox Wink widget   ${demo.urls.widget}
  mock Smile API        ${demo.urls.api}   (Link tokens live ${ttl} s)
  Smile bridge page     ${demo.urls.bridge}   (Smile's SDK: a stand-in)

  Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    stopping = true;
    console.log('\nStopping the demo…');
    await demo.close();
    process.exit(0);
  });
}
