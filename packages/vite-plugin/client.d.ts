/**
 * Types for `.xmd` and `.xm` imports under `@xmd/vite-plugin`: add
 * `/// <reference types="@xmd/vite-plugin/client" />` to a `.d.ts` file of the project
 * (or `"types": ["@xmd/vite-plugin/client"]` to tsconfig's compilerOptions).
 */
declare module "*.xmd" {
  /** The rendered markdown. */
  const markdown: string;
  export default markdown;
}

declare module "*.xm" {
  /** The rendered markdown. */
  const markdown: string;
  export default markdown;
}
