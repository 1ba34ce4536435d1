/** Classes: parsing (`class`, members, `super`, `self`), semantics in both memory modes, and errors. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, formatError, XmdError } from "../src/index.js";
import { dumpProgram, parseCode } from "./support/dump.js";
import { failure, MODES, render } from "./support/render.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** The spec's example (§7), as written there. */
const ANIMALS = lines(
  "class Animal",
  "    constructor name",
  "        set self.name name",
  "",
  "    speak",
  '        return self.name + " makes a sound"',
  "",
  "class Dog extends Animal",
  "    constructor name breed",
  "        super name",
  "        set self.breed breed",
  '        self.secret "XMD is made in Vietnam"',
  "",
  "    speak",
  '        return self.name + " says woof!"',
  "",
  "    private secret message",
  '        return "my top secret: " + message',
  "",
);

/** The problems a source has when parsed, as messages. */
function problems(source: string): string[] {
  return parseCode(source).unit.problems.map((p) => p.message);
}

describe("parser: classes", () => {
  it("reads a class, its constructor, methods, private methods, super and self", () => {
    expect(dumpProgram(ANIMALS).split("\n")).toEqual([
      '(class Animal (constructor (name) (block (set (. self name) name))) (speak () (block (Return (+ (. self name @home) " makes a sound")))))',
      '(class Dog extends Animal (constructor (name breed) (block (super name) (set (. self breed) breed) (.secret self "XMD is made in Vietnam" @home))) (speak () (block (Return (+ (. self name @home) " says woof!")))) (private secret (message) (block (Return (+ "my top secret: " message)))))',
    ]);
  });

  it("makes a class's name a callee, so that construction needs no parentheses", () => {
    const out = dumpProgram(
      `${ANIMALS}set a Animal "Rex"\nset d Dog("Rex", "lab")\nprint Dog "Fido", "pug"\n`,
    );
    expect(out).toContain('(set a (call Animal "Rex"))');
    expect(out).toContain('(set d (call Dog "Rex" "lab"))');
    expect(out).toContain('(call print (call Dog "Fido" "pug"))');
  });

  it("reads super.NAME with arguments in parentheses, bare, or none", () => {
    const out = dumpProgram(
      lines(
        "class A",
        "    m x",
        "        return x",
        "class B extends A",
        "    m x",
        "        return super.m(x) + super.m x + super.m",
      ),
    );
    // Bare arguments run to the end of the expression, as a function's do.
    expect(out).toContain("(Return (+ (super.m x) (super.m (+ x (super.m)))))");
  });

  it("exports a class", () => {
    expect(dumpProgram("export class Pet\n    hello\n        return 1\n")).toBe(
      "(Export (class Pet (hello () (block (Return 1)))))",
    );
  });

  it("reads `method NAME params` as the method NAME, as the design's module example writes it", () => {
    const source = lines(
      "class Tool",
      "    method use what",
      '        return "using " + what',
      'print Tool().use("x")',
    );
    expect(render(source)).toBe("using x\n");
    // A method named `method` with no parameter after it is still that method.
    expect(render(lines("class T", "    method", '        return "m"', "print T().method"))).toBe("m\n");
  });

  it("leaves class, self, super, private and extends ordinary names outside a class", () => {
    expect(dumpProgram("set class 1\nset self 2\nset super 3\nprint class + self + super\n")).toBe(
      ["(set class 1)", "(set self 2)", "(set super 3)", "(call print (+ (+ class self) super))"].join("\n"),
    );
    expect(dumpProgram("set private 1\nset extends 2\nset constructor 3\n")).toBe(
      ["(set private 1)", "(set extends 2)", "(set constructor 3)"].join("\n"),
    );
  });

  it("reports what a class body may not hold, and goes on with the next member", () => {
    expect(problems("class A\n    set x 1\n    m\n        return 1\n")).toEqual([
      "the keyword 'set' cannot name a method",
    ]);
    expect(problems("class A\n    m\n        return 1\n    m\n        return 2\n")).toEqual([
      "the method 'm' is declared twice in this class",
    ]);
    expect(
      problems("class A\n    constructor\n        return 1\n    constructor x\n        return 2\n"),
    ).toEqual(["a class has one constructor, and this is its second"]);
    expect(problems("class A\n    private constructor\n        return 1\n")).toEqual([
      "a constructor cannot be private",
    ]);
    expect(problems("class A\n    constructor a self\n        return 1\n")).toEqual([
      "'self' cannot be a parameter: in a constructor or method it is the instance",
    ]);
    expect(problems("class A\nprint 1\n")[0]).toMatch(/^expected the class's constructor and methods/);
    expect(problems("class A extends\n    m\n        return 1\n")).toEqual([
      "expected the class to extend after 'extends'",
    ]);
  });

  it("rejects super where it cannot mean anything", () => {
    expect(problems("class A\n    constructor\n        super 1\n")).toEqual([
      "'super' is only meaningful in a class that extends another",
    ]);
    expect(problems("class A\n    m\n        return 1\nclass B extends A\n    m\n        super 1\n")).toEqual(
      ["`super …` calls the parent's constructor, which only a constructor can do"],
    );
  });
});

describe("classes: semantics", () => {
  it("runs the spec's example", () => {
    expect(
      render(
        `${ANIMALS}${lines(
          'set a Animal "Rex"',
          'set d Dog("Fido", "lab")',
          "print a.speak",
          "print d.speak()",
          "print d",
          "print d.breed",
        )}`,
      ),
    ).toBe(lines("Rex makes a sound", "Fido says woof!", '{"name":"Fido","breed":"lab"}', "lab"));
  });

  it("calls methods with or without arguments, by the rules of functions", () => {
    const source = lines(
      "class G",
      "    constructor greeting",
      "        set self.greeting greeting",
      "    greet name punct",
      '        return self.greeting + ", " + name + (punct or "")',
      "    hello",
      '        return self.greet "you"',
      'set g G "Hi"',
      'print g.greet "Ann"',
      'print g.greet("Bob", "!")',
      'print g.greet("Cy", "?", "extra")',
      "print g.greet",
      "print g.hello, g.hello()",
      "set f g.greet",
      'print f "Di"',
      'print map(["x", "y"], g.greet)',
      "print G()",
    );
    expect(render(source)).toBe(
      lines(
        "Hi, Ann",
        "Hi, Bob!",
        "Hi, Cy?",
        "<function G.greet>",
        "Hi, you Hi, you",
        "Hi, Di",
        "Hi, x, Hi, y",
        '{"greeting":null}',
      ),
    );
  });

  it("calls a method named alone on a line, whatever its parameters", () => {
    const source = lines(
      "class Counter",
      "    constructor",
      "        set self.n 0",
      "    bump by",
      "        set self.n self.n + (by or 1)",
      "set c Counter()",
      "c.bump",
      "c.bump 5",
      "print c.n",
    );
    expect(render(source)).toBe("6\n");
  });

  it("gives lambdas and functions inside a method the instance", () => {
    const source = lines(
      "class Scaler",
      "    constructor k",
      "        set self.k k",
      "    all xs",
      "        return xs.map(x => x * self.k)",
      "    later",
      "        function inner y",
      "            return y + self.k",
      "        return inner",
      "set s Scaler 3",
      "print s.all [1, 2]",
      "set f s.later",
      "print f 10",
    );
    expect(render(source)).toBe(lines("3, 6", "13"));
  });

  it("inherits methods and constructors, and reaches the parent's with super", () => {
    const source = lines(
      "class A",
      "    constructor x",
      "        set self.x x",
      "    who",
      '        return "A" + self.x',
      "    twice",
      "        return self.who + self.who",
      "class B extends A",
      "    who",
      '        return "B(" + super.who + ")"',
      "class C extends B",
      "    constructor x y",
      "        super x",
      "        set self.y y",
      "    who",
      '        return "C/" + super.who()',
      "print B(1).who",
      "print C(2, 3).twice",
      "print C(2, 3)",
    );
    expect(render(source)).toBe(lines("B(A1)", "C/B(A2)C/B(A2)", '{"x":2,"y":3}'));
  });

  it("lets a private method be called through self in its own class only", () => {
    const source = lines(
      "class A",
      "    private secret",
      '        return "s"',
      "    tell",
      "        return self.secret",
      "    tellLambda",
      "        return [1].map(i => self.secret)",
      "class B extends A",
      "    peek",
      "        return self.secret",
      "print A().tell, A().tellLambda",
      "print B().tell",
    );
    expect(render(source)).toBe(lines("s s", "s"));
    const e = failure(`${source}print B().peek\n`);
    expect(e.message).toBe("'secret' is a private method of A");
    expect(e.hint).toBe("only A's own constructor and methods can call it, as self.secret");
    expect(e.line).toBe(10);
  });

  it("treats an instance as an object of its fields", () => {
    const source = lines(
      "class P",
      "    constructor x y",
      "        set self.x x",
      "        set self.y y",
      "    sum",
      "        return self.x + self.y",
      "set p P(1, 2)",
      "set p.z 3",
      "print p.keys, p.values, len(p), keys(p), p.has('x')",
      "for k, v in p",
      '    print k + "=" + v',
      "print json.stringify(p)",
      "set copy {...p}",
      "print copy, copy = p",
      "destructure p x, y",
      "print x + y, p.sum, p['x'], p['nope']",
    );
    expect(render(source)).toBe(
      lines(
        "x, y, z 1, 2, 3 3 x, y, z true",
        "x=1",
        "y=2",
        "z=3",
        '{"x":1,"y":2,"z":3}',
        '{"x":1,"y":2,"z":3} false',
        "3 3 1 ",
      ),
    );
  });

  it("compares instances by class and fields, and prints classes", () => {
    const source = lines(
      "class P",
      "    constructor x",
      "        set self.x x",
      "class Q",
      "    constructor x",
      "        set self.x x",
      "print P(1) = P(1), P(1) = P(2), P(1) = Q(1), P(1) = {x: 1}, P = P, P = Q",
      "print P, [P], {k: P}",
    );
    expect(render(source)).toBe(
      lines("true false false false true false", '<class P> <class P> {"k":"<class P>"}'),
    );
  });

  it("gives a template in a method self, its private methods and super", () => {
    const source = lines(
      "class A",
      "    constructor n",
      "        set self.n n",
      "    private s",
      '        return "S"',
      "    show",
      "        return `n={{self.n}} s={{self.s}}`",
      "class B extends A",
      "    show",
      "        return `b {{super.show}}`",
      "print A(1).show",
      "print B(2).show",
    );
    expect(render(source)).toBe(lines("n=1 s=S", "b n=2 s=S"));
  });

  it("makes a class inside a function, closing over its variables", () => {
    const source = lines(
      "function make base",
      "    class Adder",
      "        add n",
      "            return base + n",
      "    return Adder",
      "set A make 10",
      "set B make 20",
      "print A().add(1), B().add(1)",
    );
    expect(render(source)).toBe("11 21\n");
  });

  it("constructs a class passed as a value, and calls it from builtins", () => {
    const source = lines(
      "class Box",
      "    constructor v",
      "        set self.v v",
      "set K Box",
      "print K(1), map([2, 3], Box)",
    );
    expect(render(source)).toBe('{"v":1} {"v":2}, {"v":3}\n');
  });

  it("behaves the same in pooled and heap mode, compiled once and rendered twice", () => {
    for (const memory of MODES) {
      const runtime = createRuntime({ memory, checked: true });
      try {
        const doc = runtime.compile(`${ANIMALS}print Dog("A", "b").speak\n`, { lang: "xmd" });
        expect(doc.render().output).toBe("A says woof!\n");
        expect(doc.render().output).toBe("A says woof!\n");
      } finally {
        runtime.dispose();
      }
    }
  });
});

describe("classes: errors", () => {
  it("names a private method called from outside", () => {
    const e = failure(`${ANIMALS}set d Dog("a", "b")\nprint d.secret "x"\n`);
    expect(e.code).toBe("type");
    expect(e.message).toBe("'secret' is a private method of Dog");
    expect(e.line).toBe(21);
  });

  it("suggests a member for a misspelt one, with the fields and methods there are", () => {
    const e = failure(`${ANIMALS}set d Dog("a", "b")\nprint d.speek\n`);
    expect(e.message).toBe("Dog has no field or method 'speek'; did you mean 'speak'?");
    expect(e.hint).toBe("its fields: name, breed; its methods: speak");
    expect(failure(`${ANIMALS}Dog("a", "b").bark 1\n`).message).toBe("Dog has no field or method 'bark'");
  });

  it("says a method belongs to instances when it is asked of the class", () => {
    const e = failure(`${ANIMALS}print Animal.speak\n`);
    expect(e.message).toBe("'speak' is a method of Animal's instances, not of the class Animal");
    expect(e.hint).toBe("make an instance first: set x Animal(…), then x.speak");
  });

  it("rejects extending what is not a class", () => {
    const e = failure("set Base 5\nclass T extends Base\n    m\n        return 1\n");
    expect(e.message).toBe("class T can only extend a class, but 'Base' is a number");
    expect(e.line).toBe(2);
  });

  it("names self and super outside a class", () => {
    expect(failure("print self.name\n").message).toBe(
      "'self' is only defined inside a class's constructor and methods",
    );
    expect(failure("super 1\n").message).toBe(
      "'super' is only defined inside the constructor and methods of a class that extends another",
    );
  });

  it("names a parent method that super cannot find", () => {
    const e = failure(
      lines(
        "class A",
        "    speak",
        "        return 1",
        "class B extends A",
        "    m",
        "        return super.speek",
        "print B().m",
      ),
    );
    expect(e.message).toBe("A has no method 'speek'; did you mean 'speak'?");
    expect(e.line).toBe(6);
  });

  it("says a class is defined where its statement runs, when one extends a class declared below", () => {
    const e = failure(
      lines("class A extends B", "    m", "        return 1", "class B", "    m", "        return 2"),
    );
    expect(e.message).toBe("'B' is not defined");
    expect(e.hint).toBe(
      "a class is defined when its `class` statement runs (classes are not hoisted): declare B above A",
    );
    expect(e.line).toBe(1);
  });

  it("says a class used above its statement is not defined yet", () => {
    const e = failure(lines('set d Dog "x"', "class Dog", "    m", "        return 1"));
    expect(e.message).toBe("'Dog' is not defined yet");
    expect(e.hint).toBe(
      "a class, an import or a lambda set to a name is defined when its line runs (only functions are hoisted): move Dog's definition above this line",
    );
    expect(e.line).toBe(1);
  });

  it("is catchable by try", () => {
    expect(render(`${ANIMALS}try\n    Dog("a", "b").secret\ncatch err\n    print err\n`)).toBe(
      "'secret' is a private method of Dog\n",
    );
  });
});

describe("classes in modules", () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it("exports a class that importers construct and extend", () => {
    const root = mkdtempSync(join(tmpdir(), "xmd-classes-"));
    roots.push(root);
    writeFileSync(
      join(root, "pets.xmd"),
      lines(
        "export class Pet",
        "    constructor name",
        "        set self.name name",
        "    hi",
        '        return "I am " + self.name',
      ),
    );
    writeFileSync(
      join(root, "main.xmd"),
      lines(
        'import Pet from "pets.xmd"',
        'import "pets.xmd" pets',
        "class Cat extends pets.Pet",
        "    hi",
        '        return super.hi + ", a cat"',
        'print Pet("Rex").hi',
        'print Cat "Tom"',
        'print (Cat "Tom").hi',
        'print pets.Pet("Bo").hi',
      ),
    );
    for (const memory of MODES) {
      const runtime = createRuntime({ memory, checked: true });
      try {
        let output = "";
        try {
          output = runtime.renderFile(join(root, "main.xmd")).output;
        } catch (e) {
          throw new Error(e instanceof XmdError ? formatError(e) : String(e));
        }
        expect(output).toBe(lines("I am Rex", '{"name":"Tom"}', "I am Tom, a cat", "I am Bo"));
      } finally {
        runtime.dispose();
      }
    }
  });
});

describe("what a class extends", () => {
  const body = "\n    constructor\n        set self.k 1\n";

  it("must be a class, named as written (a long expression shortened)", () => {
    const number = failure(`set x 5\nclass A extends x${body}`);
    expect([number.code, number.message, number.hint, number.line, number.column]).toEqual([
      "type",
      "class A can only extend a class, but 'x' is a number",
      "name a class after `extends`, declared (or imported) before this class",
      2,
      17,
    ]);
    const long = failure(
      `set someObjectWithAVeryLongName {"anotherVeryLongMemberName": 1}\nclass A extends someObjectWithAVeryLongName.anotherVeryLongMemberName${body}`,
    );
    expect(long.message).toBe(
      "class A can only extend a class, but 'someObjectWithAVeryLongName.anotherVe…' is a number",
    );
    // Forty characters are shown whole.
    const forty = "a".repeat(40);
    expect(failure(`set ${forty} 1\nclass A extends ${forty}${body}`).message).toBe(
      `class A can only extend a class, but '${forty}' is a number`,
    );
  });

  it("is read when the class statement runs: a name not defined yet says so", () => {
    const later = failure(`class A extends Nope${body}`);
    expect([later.code, later.message, later.hint]).toEqual([
      "undefined-name",
      "'Nope' is not defined",
      "a class is defined when its `class` statement runs (classes are not hoisted): declare Nope above A",
    ]);
    // Of a member, the name that is missing is the object's, with the usual hint.
    const member = failure(`class A extends pets.Animal${body}`);
    expect([member.message, member.hint]).toEqual([
      "'pets' is not defined",
      'set it first (set pets …), or test for it with exists("pets")',
    ]);
  });
});

describe("objects without a prototype, from the API", () => {
  it("read as plain objects, not as instances of a class", () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.a = 1;
    o.b = "x";
    expect(render('print o.a, o.b, len(o), o.keys(), o = {a: 1, b: "x"}', "xmd", {}, { o })).toBe(
      "1 x 2 a, b true\n",
    );
    expect(render("print o", "xmd", {}, { o })).toBe('{"a":1,"b":"x"}\n');
    for (const memory of MODES) {
      let error: unknown;
      try {
        createRuntime({ memory }).render("print o.nope()", { lang: "xmd", vars: { o } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XmdError);
      expect((error as XmdError).message).toBe("objects have no member 'nope'");
    }
  });
});
