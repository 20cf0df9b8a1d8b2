// React 19's types dropped the global `JSX` namespace in favour of
// `React.JSX`. The markdown renderer we vendored and a couple of older
// components still write `JSX.Element`, so keep a loose global around until
// they are rewritten.
declare global {
  namespace JSX {
    type Element = any;
    interface IntrinsicElements {
      [elemName: string]: any;
    }
  }
}

export {};
