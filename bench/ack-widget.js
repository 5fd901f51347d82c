// The test widget (test/support/widget/widget.ts, unchanged) plus an acknowledgement: it answers
// every `init` with an `event` named `bench.ack`, so the latency bench can time the whole
// ready → init → ack round trip the same way for the SDK and for the hand-written baseline.
import '../test/support/widget/widget.ts';

window.widget.on('init', () => {
  window.widget.send('event', { name: 'bench.ack', metadata: {} });
});
