/** The xmd command as a library: `main(argv)` resolves to the exit code. */
export { main } from "./bin.js";
