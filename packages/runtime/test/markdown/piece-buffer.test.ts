/**
 * PieceBuffer: the compact records a document is built from. What is written is read back
 * the same (each kind of record, marks set by the builder, growth past the first array),
 * the counts that size the build are right, and a released array is reused by the next
 * small buffer only.
 */
import { describe, expect, it } from "vitest";
import { KIND_BITS, PieceBuffer, PieceKind } from "../../src/markdown/piece-buffer.js";
import type { CodePiece } from "../../src/markdown/pieces.js";

const code = (start: number): CodePiece => ({
  kind: "code",
  start,
  end: start + 10,
  codeStart: start + 3,
  codeEnd: start + 7,
  dialect: "native",
  placement: "block",
  origin: "fence",
});

/** The records as readable tuples. */
function records(buffer: PieceBuffer): unknown[] {
  const out: unknown[] = [];
  for (let at = 0; at < buffer.size; at = buffer.next(at)) {
    const kind = buffer.kind(at);
    if (kind === PieceKind.Code) out.push(["code", buffer.codeAt(at).start]);
    else if (kind === PieceKind.Text) out.push(["text", buffer.start(at), buffer.end(at)]);
    else out.push([kind === PieceKind.Expr ? "expr" : "interp", buffer.exprStart(at), buffer.exprEnd(at)]);
  }
  return out;
}

describe("PieceBuffer", () => {
  it("reads back every kind of record in order, and counts the {{ }} and their characters", () => {
    const b = new PieceBuffer(4);
    b.text(0, 5);
    b.interp(5, 12, 7, 10);
    b.textThenInterp(12, 15, 22, 17, 20); // text 12..15, then {{ }} 15..22
    b.textThenInterp(22, 22, 30, 24, 28); // no text between: the {{ }} alone
    b.code(code(30));
    b.text(40, 41);
    expect(records(b)).toEqual([
      ["text", 0, 5],
      ["interp", 7, 10],
      ["text", 12, 15],
      ["interp", 17, 20],
      ["interp", 24, 28],
      ["code", 30],
      ["text", 40, 41],
    ]);
    expect(b.interps).toBe(3);
    expect(b.exprChars).toBe(3 + 3 + 4);
    expect(b.size).toBe(3 + 3 + 6 + 3 + 2 + 3);
    expect(b.codes).toHaveLength(1);
  });

  it("keeps what the builder marks on an interpolation: its kind and its index in the run", () => {
    const b = new PieceBuffer(16);
    b.interp(0, 7, 2, 5);
    b.interp(7, 14, 9, 12);
    b.setInterp(0, PieceKind.Name, 5);
    b.setInterp(3, PieceKind.Expr, 70000);
    expect(b.kind(0)).toBe(PieceKind.Name);
    expect(b.kind(3)).toBe(PieceKind.Expr);
    expect((b.records[0] as number) >> KIND_BITS).toBe(5);
    expect((b.records[3] as number) >> KIND_BITS).toBe(70000);
    expect([b.start(3), b.end(3), b.next(3)]).toEqual([7, 14, 6]);
  });

  it("grows past its first array by doubling it, keeping the records", () => {
    new PieceBuffer(1); // takes any array a buffer released before: this one starts with its own
    const b = new PieceBuffer(16);
    for (let i = 0; i < 1000; i++) b.textThenInterp(i * 10, i * 10 + 3, i * 10 + 10, i * 10 + 5, i * 10 + 8);
    expect(b.size).toBe(6000);
    expect(b.records.length).toBe(16 * 2 ** 9);
    const all = records(b);
    expect(all).toHaveLength(2000);
    expect(all[0]).toEqual(["text", 0, 3]);
    expect(all[1999]).toEqual(["interp", 9995, 9998]);
    b.trim();
    expect(b.records.length).toBe(6000);
    expect(records(b)).toEqual(all);
  });

  it("gives a released array to the next buffer that fits in it, and keeps no large one", () => {
    const small = new PieceBuffer(64);
    small.text(0, 1);
    const array = small.records;
    small.release();
    expect(small.size).toBe(0);
    const next = new PieceBuffer(32);
    expect(next.records).toBe(array);
    next.text(3, 4); // written before it is read: nothing of the last document shows
    expect(records(next)).toEqual([["text", 3, 4]]);
    expect(new PieceBuffer(32).records).not.toBe(array); // taken once

    const large = new PieceBuffer(1 << 15);
    const largeArray = large.records;
    large.release();
    expect(new PieceBuffer(16).records).not.toBe(largeArray);

    const tooSmall = new PieceBuffer(16);
    tooSmall.release();
    expect(new PieceBuffer(1024).records).not.toBe(tooSmall.records);
    new PieceBuffer(1); // takes it

    const kept = new PieceBuffer(64);
    const trimmed = new PieceBuffer(64);
    trimmed.text(0, 1);
    trimmed.trim();
    kept.release();
    trimmed.release(); // smaller: does not replace the one kept
    expect(new PieceBuffer(16).records).toBe(kept.records);
  });
});
