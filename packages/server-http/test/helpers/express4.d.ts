// The `express4` alias (npm:express@4) has no types of its own; the Express 5 types describe the
// part the tests use (an app, `express.json()`, `app.use`).
declare module 'express4' {
  import express from 'express';
  export default express;
}
