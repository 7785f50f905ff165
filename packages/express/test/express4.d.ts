// The devDependency `express4` is express@4 under another name; its API, as these tests use it, is typed by
// @types/express 5.
declare module 'express4' {
  import express from 'express';
  export default express;
}
