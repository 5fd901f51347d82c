/**
 * The credential mask, against every encoding the README promises: raw, JSON-escaped (`\/`
 * included), URL-encoded, base64 embedded at each byte offset, base64url, any letter case, and
 * compositions of them (the Authorization header echoed, base64-encoded, JSON-escaped). The
 * check decodes what is left, the way an attacker reading a log would, rather than looking for
 * the forms the mask was built from.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/server/redact';
import api from '../fixtures/smile/open-api.json';

const EVIDENCE_SECRET = 'sk_live_=4?42>x';
const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'latin1').toString('base64url');

/** Every text one or two decoding steps away: JSON unescape, URL decode, base64(url) at each alignment. */
function decodings(text: string, depth = 2): string[] {
  const out = new Set([text, text.toLowerCase()]);
  const step = (value: string) => {
    const found: string[] = [value.replace(/\\\//g, '/').replace(/\\"/g, '"').replace(/\\\\/g, '\\')];
    try {
      found.push(decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {}
    for (const run of value.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
      const standard = run.replace(/-/g, '+').replace(/_/g, '/');
      for (let skip = 0; skip < 4; skip++) found.push(Buffer.from(standard.slice(skip), 'base64').toString('latin1'));
    }
    return found;
  };
  let frontier = [text];
  for (let i = 0; i < depth; i++) {
    frontier = frontier.flatMap(step);
    for (const value of frontier) out.add(value);
  }
  return [...out];
}

const reveals = (text: string, secret: string) =>
  decodings(text).some((t) => t.toLowerCase().includes(secret.toLowerCase()));

const toUrl = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** `value` inside longer base64: k bytes before it (k = 0, 1, 2) and some after. */
const embedded = (value: string) => [0, 1, 2].map((k) => b64(`${'xyz'.slice(0, k)}${value} and more`));

function echoes(id: string, secret: string): string[] {
  const basic = `Basic ${b64(`${id}:${secret}`)}`;
  const forms = [id, secret, `${id}:${secret}`, basic].flatMap((v) => {
    const base64 = [b64(v), b64url(v), ...embedded(v), ...embedded(v).map(toUrl)];
    // Letter case changes what base64 decodes to: only plain text is echoed in another case.
    const cased = v === basic ? [v] : [v, v.toUpperCase(), v.toLowerCase()];
    return [...cased, ...base64].flatMap((f) => [
      f,
      JSON.stringify(f).slice(1, -1),
      JSON.stringify(f).slice(1, -1).replace(/\//g, '\\/'),
      encodeURIComponent(f),
    ]);
  });
  // Sent raw and as a JSON body, the way an error envelope echoes a request.
  return [...forms, JSON.stringify({ headers: { authorization: basic } })];
}

describe.each([
  ["Smile's doc example (Chapter-2.md:121-131)", api.basicAuth.apiKeyId, api.basicAuth.apiKeySecret],
  ['a secret full of characters the encodings treat specially', 'KeyId_9Fq2Zx/+7', 'Sec"ret\\Val/ue+&=% with Space_Q8'],
  // base64(':' + secret) = OnNrX2xpdmVfPTQ/NDI+eA==: the echo of the issue's evidence, `OnNrX…PTQ\/NDI+eA==`.
  ['a secret whose base64 holds "/" and "+"', 'pk_live_7Hq', EVIDENCE_SECRET],
])('%s', (_name, id, secret) => {
  const redact = createRedactor(id, secret);

  it.each(echoes(id, secret).map((form) => [form]))('masks %s', (form) => {
    const text = `before ${form} after`;
    expect(reveals(text, secret) || reveals(text, id)).toBe(true); // the echo does leak…
    const masked = redact(text);
    expect(masked).toContain('[redacted]');
    expect(reveals(masked, secret)).toBe(false); // …and the mask closes it
  });
});

it("masks the Authorization header of Smile's doc example after two decodes", () => {
  const { apiKeyId, apiKeySecret, authorization } = api.basicAuth;
  const twice = JSON.stringify({ echo: b64(authorization) }).replace(/\//g, '\\/');
  expect(reveals(twice, apiKeySecret)).toBe(true);
  expect(reveals(createRedactor(apiKeyId, apiKeySecret)(twice), apiKeySecret)).toBe(false);
});

it("masks the issue's evidence: base64 of ':secret' (the id:secret credential at offset 1), JSON-escaped with \\/", () => {
  const excerpt = JSON.stringify({ echo: b64(`pk_live_7Hq:${EVIDENCE_SECRET}`).slice(12) }).replace(/\//g, '\\/');
  const evidence = `{"message":"bad auth ${b64(`:${EVIDENCE_SECRET}`).replace(/\//g, '\\/')}"}`;
  expect(evidence).toContain('OnNrX2xpdmVfPTQ\\/NDI+eA==');
  const redact = createRedactor('pk_live_7Hq', EVIDENCE_SECRET);
  for (const text of [evidence, excerpt]) {
    expect(reveals(text, EVIDENCE_SECRET)).toBe(true);
    expect(reveals(redact(text), EVIDENCE_SECRET)).toBe(false);
  }
});

it('leaves text without a credential alone', () => {
  const text = 'INVALID_CREDENTIALS: The credentials you provided are incorrect. (requestId 58be58d8)';
  expect(createRedactor(api.basicAuth.apiKeyId, api.basicAuth.apiKeySecret)(text)).toBe(text);
});
