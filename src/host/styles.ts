/**
 * The modal's and inline frame's CSS. It is adopted as a constructable stylesheet inside the
 * shadow root, which no `style-src` CSP directive blocks (no inline style attributes, no
 * `<style>` elements). `:host` rules are `!important`: in the cascade an important rule from
 * the shadow tree beats an important rule from the page, so host CSS cannot hide the modal
 * (`all:initial` resets every property the page may set: visibility, opacity, padding…).
 * No page rule reaches the elements inside; only the UA's do (a popover's fit-content box).
 * Inside, `visibility` is only ever inherited (never set `visible`): a prepared link's hidden
 * host must hide everything in it.
 * No entrance animation: on a 2-core machine rendering in software, a fade and rise of the
 * modal delayed the widget's `ready` by ~15% (bench/latency.js); the modal appears at once,
 * with its loading indicator, instead.
 * `data-chrome=none`: the widget draws its own dialog (Smile's), so the frame fills the viewport
 * with no card and no backdrop of ours; only the loading state dims the page until then.
 * `system-ui` names the platform's UI font in every browser the bundle is for (Chrome 56+,
 * Firefox 92+, Safari 11+): no -apple-system or "Segoe UI" before the `sans-serif` fallback.
 * One rule a line, each ending in `\`: a line continuation adds nothing to the string, so the
 * shipped stylesheet has no newlines (16 B gzip).
 */
export const CSS = `\
:host{all:initial!important;display:block!important}\
:host([data-mode=modal]){position:fixed!important;inset:0!important;z-index:2147483647!important}\
:host([data-mode=inline]){position:relative!important;width:100%!important}\
:host([data-hidden]){visibility:hidden!important;pointer-events:none!important}\
*{box-sizing:border-box}\
.backdrop{position:fixed;inset:0;width:auto;height:auto;margin:0;padding:0;border:0;overflow:visible;display:flex;align-items:center;justify-content:center;background:rgba(15,23,42,.55)}\
.dialog{position:relative;display:flex;width:min(420px,100vw - 32px);height:min(680px,100vh - 48px);background:#fff;border-radius:16px;box-shadow:0 24px 64px rgba(15,23,42,.35);overflow:hidden;outline:none}\
.inline{position:relative;display:flex;min-height:200px}\
iframe{flex:1;width:100%;height:100%;border:0}\
.loading{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:16px;background:#fff;font:15px/1.4 system-ui,sans-serif;color:#334155}\
.loading[hidden]{display:none}\
.spinner{width:36px;height:36px;border:3px solid #e2e8f0;border-top-color:#4f46e5;border-radius:50%;visibility:hidden}\
.slow .spinner{visibility:inherit;animation:spin .8s linear infinite}\
.close{position:absolute;top:12px;right:12px;width:36px;height:36px;border:0;border-radius:50%;background:#f1f5f9;color:#0f172a;font:20px/1 system-ui,sans-serif;cursor:pointer}\
.close:focus-visible{outline:3px solid #4f46e5;outline-offset:2px}\
:host([data-chrome=none]) :is(.backdrop,.dialog){width:100vw;height:100vh;border-radius:0;background:none;box-shadow:none}\
:host([data-chrome=none]) .loading{background:rgba(15,23,42,.55);color:#fff}\
@keyframes spin{to{transform:rotate(1turn)}}\
@media (max-width:480px),(max-height:480px){.dialog{width:100vw;height:100vh;height:100dvh;border-radius:0}}\
@media (prefers-reduced-motion:reduce){.slow .spinner{animation-duration:2.4s}}\
`;
