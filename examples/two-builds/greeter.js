// One source, two toolchains: componentize-js (SpiderMonkey) and componentize-qjs
// (QuickJS) build it for the `greeter` world in wit/greeter.wit.
//
// Written the way jco's bindings present an `option<string>`: a `none` is
// `undefined`. That holds in the componentize-js build; the componentize-qjs
// build hands this function `null`, so it greets "null".
export function greet(name) {
  return name === undefined ? 'Hello, stranger!' : `Hello, ${name}!`;
}
