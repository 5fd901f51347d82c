// The penpal child for bench/latency.js: the same job as the ack widget (take a token, answer),
// done the penpal way: a handshake, then one method call whose reply is the acknowledgement.
const host = new URLSearchParams(location.search).get('host');
const messenger = new window.Penpal.WindowMessenger({ remoteWindow: window.parent, allowedOrigins: [host] });
window.Penpal.connect({ messenger, methods: { init: () => 'ack' } });
