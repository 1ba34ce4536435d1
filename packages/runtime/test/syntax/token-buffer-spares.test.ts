/**
 * At most 16 token buffers are kept for reuse: a document with many pieces gives back as
 * many buffers as it has pieces, and a list without a bound would keep them all.
 */
import { expect, it } from "vitest";
import { giveTokenBuffer, takeTokenBuffer } from "../../src/syntax/parser/buffers.js";
import { TokenBuffer } from "../../src/syntax/tokens.js";

it("keeps at most 16 spare token buffers", () => {
  // Empties the spare list (other test files may have left buffers there when files share
  // one module graph).
  for (let i = 0; i < 16; i++) takeTokenBuffer();
  const given = Array.from({ length: 20 }, () => new TokenBuffer(8));
  for (const buffer of given) giveTokenBuffer(buffer);
  const taken = Array.from({ length: 20 }, () => takeTokenBuffer());
  expect(taken.filter((buffer) => given.includes(buffer))).toHaveLength(16);
  // The 16 kept are the first 16 given, taken back last in first out.
  expect(taken.slice(0, 16)).toEqual(given.slice(0, 16).reverse());
  for (const buffer of taken) giveTokenBuffer(buffer);
});
