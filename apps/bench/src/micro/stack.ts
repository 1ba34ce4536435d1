/**
 * Micro: evaluating numeric expressions with temporaries on `@xmd/stack`'s ValueStack
 * versus one `{ type, value }` object per temporary. The program is a small postfix
 * expression evaluated many times; results are summed so V8 cannot drop the work.
 * @module
 */
import { ValueStack } from "@xmd/stack";
import { withGcObserved } from "../gc.js";
import type { BenchOptions, BenchSection } from "../section.js";

// (a + b) * (c - d) / 2 + a * 3, as postfix. Negative codes are operators.
const ADD = -1;
const SUB = -2;
const MUL = -3;
const DIV = -4;
const PROGRAM = [0, 1, ADD, 2, 3, SUB, MUL, 100, DIV, 0, 103, MUL, ADD];
/** Operands: indexes 0–3 are variables; 100+ are constants (value − 98). */
function operand(code: number, vars: Float64Array): number {
  return code >= 100 ? code - 98 : (vars[code] as number);
}

function runStack(stack: ValueStack, iterations: number): number {
  const vars = new Float64Array(4);
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    vars[0] = i;
    vars[1] = i * 0.5;
    vars[2] = 7;
    vars[3] = i % 13;
    const mark = stack.mark();
    for (const code of PROGRAM) {
      if (code >= 0) stack.pushNumber(operand(code, vars));
      else {
        const y = stack.popNumber();
        const x = stack.popNumber();
        stack.pushNumber(code === ADD ? x + y : code === SUB ? x - y : code === MUL ? x * y : x / y);
      }
    }
    sum += stack.popNumber();
    stack.release(mark);
  }
  return sum;
}

interface Temp {
  type: string;
  value: number;
}

function runObjects(iterations: number): number {
  const vars = new Float64Array(4);
  let sum = 0;
  const stack: Temp[] = [];
  for (let i = 0; i < iterations; i++) {
    vars[0] = i;
    vars[1] = i * 0.5;
    vars[2] = 7;
    vars[3] = i % 13;
    for (const code of PROGRAM) {
      if (code >= 0) stack.push({ type: "number", value: operand(code, vars) });
      else {
        const y = (stack.pop() as Temp).value;
        const x = (stack.pop() as Temp).value;
        stack.push({
          type: "number",
          value: code === ADD ? x + y : code === SUB ? x - y : code === MUL ? x * y : x / y,
        });
      }
    }
    sum += (stack.pop() as Temp).value;
  }
  return sum;
}

async function measure(run: () => number, rounds: number) {
  const times: number[] = [];
  let check = 0;
  const { gc } = await withGcObserved(() => {
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      check += run();
      times.push(performance.now() - t);
    }
  });
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] as number, gc, check };
}

export async function stackSuite(options: BenchOptions): Promise<BenchSection> {
  const iterations = options.quick ? 100_000 : 1_000_000;
  const rounds = options.quick ? 5 : 11;
  const temps = iterations * PROGRAM.length;
  const stack = new ValueStack({ checked: false });
  runStack(stack, 10_000);
  runObjects(10_000);
  const s = await measure(() => runStack(stack, iterations), rounds);
  const o = await measure(() => runObjects(iterations), rounds);
  if (Math.abs(s.check - o.check) > 1e-6 * Math.abs(o.check))
    throw new Error("stack and object evaluation disagree");
  const ns = (ms: number) => (ms * 1e6) / temps;
  return {
    id: "stack",
    title: "Micro: value stack vs one object per temporary",
    tables: [
      {
        title: `${(temps / 1e6).toFixed(1)} M arithmetic temporaries per round, median of ${rounds} rounds`,
        columns: ["strategy", "ms / round", "ns / temporary", "GC count", "GC pause ms", "ratio"],
        rows: [
          [
            "ValueStack (unboxed)",
            s.median.toFixed(2),
            ns(s.median).toFixed(2),
            s.gc.count,
            s.gc.pauseMs.toFixed(2),
            "1.00",
          ],
          [
            "{ type, value } objects",
            o.median.toFixed(2),
            ns(o.median).toFixed(2),
            o.gc.count,
            o.gc.pauseMs.toFixed(2),
            (o.median / s.median).toFixed(2),
          ],
        ],
        notes: [
          "V8 allocates short-lived objects in the young generation very cheaply; the ratio shows what the typed stack still buys (or costs).",
        ],
      },
    ],
    data: { temps, stack: { ms: s.median, gc: s.gc }, objects: { ms: o.median, gc: o.gc } },
  };
}
