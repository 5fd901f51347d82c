// For the repo's type check (which does not read .vue files): what an SFC import gives.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
