/**
 * The page: wires the editor, the renders, the views and the URL together.
 * State lives in one object; every edit re-renders (debounced) and rewrites the fragment.
 * @module
 */
import { stringCodeIsBlocked } from "./csp-check.js";
import { FileEditor } from "./editor.js";
import { type Diagnostic, type RenderOutcome, renderState } from "./engine.js";
import { EXAMPLES, exampleState } from "./examples.js";
import { markdownToHtml } from "./html-view.js";
import {
  checkFileName,
  DOCUMENT_NAME,
  decodeState,
  encodeState,
  type MemoryMode,
  type PlaygroundState,
} from "./state.js";
import { statsRows } from "./stats-view.js";

/** Milliseconds of quiet typing before a render. */
const RENDER_DELAY_MS = 250;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

const ui = {
  example: byId<HTMLSelectElement>("example"),
  strict: byId<HTMLInputElement>("strict"),
  frontMatter: byId<HTMLSelectElement>("front-matter"),
  copyLink: byId<HTMLButtonElement>("copy-link"),
  status: byId<HTMLElement>("status"),
  tabs: byId<HTMLElement>("file-tabs"),
  addFile: byId<HTMLFormElement>("add-file"),
  newFileName: byId<HTMLInputElement>("new-file-name"),
  problems: byId<HTMLUListElement>("problems"),
  problemCount: byId<HTMLElement>("problem-count"),
  markdownOutput: byId<HTMLElement>("markdown-output"),
  htmlOutput: byId<HTMLElement>("html-output"),
  stats: byId<HTMLTableElement>("stats"),
  cspCheck: byId<HTMLElement>("csp-check"),
};

let state: PlaygroundState = exampleState(EXAMPLES[0]!.id)!;
let notes: string[] = [];
let renders = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

const editor = new FileEditor(byId("editor"), (name, text) => {
  if (name === DOCUMENT_NAME) state.document = text;
  else {
    const file = state.files.find((f) => f.name === name);
    if (file) file.content = text;
  }
  scheduleRender();
});

function scheduleRender(): void {
  clearTimeout(timer);
  timer = setTimeout(render, RENDER_DELAY_MS);
}

function allFiles(): { name: string; content: string }[] {
  return [{ name: DOCUMENT_NAME, content: state.document }, ...state.files];
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

function drawTabs(errorFiles: ReadonlySet<string> = new Set()): void {
  ui.tabs.replaceChildren(
    ...allFiles().map((f) => {
      const tab = el("span", { className: "tab" });
      const button = el("button", { type: "button", className: "tab-name" }, f.name);
      button.dataset.file = f.name;
      button.setAttribute("aria-pressed", String(editor.shown === f.name));
      if (errorFiles.has(f.name)) tab.classList.add("has-error");
      button.addEventListener("click", () => {
        editor.show(f.name);
        drawTabs(errorFiles);
      });
      tab.append(button);
      if (f.name !== DOCUMENT_NAME) {
        const close = el(
          "button",
          { type: "button", className: "tab-close", title: `remove ${f.name}` },
          "×",
        );
        close.addEventListener("click", () => {
          state.files = state.files.filter((g) => g.name !== f.name);
          editor.remove(f.name, DOCUMENT_NAME);
          drawTabs();
          scheduleRender();
        });
        tab.append(close);
      }
      return tab;
    }),
  );
}

function drawProblems(diagnostics: readonly Diagnostic[]): void {
  ui.problemCount.textContent = String(diagnostics.length + notes.length);
  const items = diagnostics.map((d) => {
    const where = el("button", { type: "button", className: "where" }, `${d.file}:${d.line}:${d.column}`);
    where.addEventListener("click", () => {
      editor.reveal(d.file, d.line, d.column);
      drawTabs(new Set(diagnostics.map((x) => x.file)));
    });
    const item = el(
      "li",
      { className: "problem" },
      where,
      " ",
      el("strong", {}, `error[${d.code}]`),
      `: ${d.message}`,
    );
    item.dataset.line = String(d.line);
    item.dataset.file = d.file;
    if (d.help) item.append(el("div", { className: "help" }, `help: ${d.help}`));
    for (const site of d.importedFrom) item.append(el("div", { className: "note" }, `imported from ${site}`));
    if (d.frame) item.append(el("pre", { className: "frame" }, d.frame));
    return item;
  });
  for (const note of notes) items.push(el("li", { className: "problem note" }, `link: ${note}`));
  ui.problems.replaceChildren(...items);
}

function drawStats(outcome: RenderOutcome): void {
  const runs = [outcome.primary, outcome.other];
  const head = el(
    "tr",
    {},
    el("th", {}, ""),
    ...runs.map((r, i) => {
      const th = el("th", {}, i === 0 ? `${r.memory} (shown)` : r.memory);
      th.dataset.memory = r.memory;
      return th;
    }),
  );
  ui.stats.tHead!.replaceChildren(head);
  ui.stats.tBodies[0]!.replaceChildren(
    ...statsRows(runs).map((row) =>
      row.heading
        ? el("tr", { className: "group" }, el("th", { colSpan: runs.length + 1 }, row.label))
        : el("tr", {}, el("th", {}, row.label), ...row.values.map((v) => el("td", {}, v))),
    ),
  );
}

function render(): void {
  clearTimeout(timer);
  const outcome = renderState(state);
  const { primary } = outcome;
  if (primary.output !== null) {
    ui.markdownOutput.textContent = primary.output;
    ui.htmlOutput.innerHTML = markdownToHtml(primary.output);
    ui.markdownOutput.classList.remove("stale");
    ui.htmlOutput.classList.remove("stale");
  } else {
    // Keep the last good output, dimmed, while the document has an error.
    ui.markdownOutput.classList.add("stale");
    ui.htmlOutput.classList.add("stale");
  }
  editor.setDiagnostics(primary.diagnostics);
  drawProblems(primary.diagnostics);
  drawTabs(new Set(primary.diagnostics.map((d) => d.file)));
  drawStats(outcome);
  history.replaceState(null, "", `#${encodeState(state)}`);
  renders++;
  document.body.dataset.renders = String(renders);
  ui.status.textContent =
    primary.output === null ? `${primary.diagnostics.length} error(s)` : `rendered (${primary.memory})`;
}

function syncControls(): void {
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="memory"]'))
    radio.checked = radio.value === state.options.memory;
  ui.strict.checked = state.options.strict;
  ui.frontMatter.value = state.options.frontMatter;
}

function load(next: PlaygroundState, problems: string[] = []): void {
  state = next;
  notes = problems;
  editor.load(allFiles(), DOCUMENT_NAME);
  syncControls();
  render();
}

/** The state a fragment asks for, or the first example (with the fragment's problems noted). */
function loadFragment(fragment: string): void {
  const { state: fromLink, problems } = decodeState(fragment);
  load(fromLink ?? exampleState(EXAMPLES[0]!.id)!, problems);
}

for (const example of EXAMPLES) ui.example.append(el("option", { value: example.id }, example.title));
ui.example.addEventListener("change", () => {
  const next = exampleState(ui.example.value);
  if (next) load(next);
  ui.example.value = "";
});
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="memory"]')) {
  radio.addEventListener("change", () => {
    if (radio.checked) {
      state.options.memory = radio.value as MemoryMode;
      render();
    }
  });
}
ui.strict.addEventListener("change", () => {
  state.options.strict = ui.strict.checked;
  render();
});
ui.frontMatter.addEventListener("change", () => {
  state.options.frontMatter = ui.frontMatter.value === "strip" ? "strip" : "keep";
  render();
});
ui.addFile.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = ui.newFileName.value.trim();
  const problem =
    checkFileName(name) ?? (state.files.some((f) => f.name === name) ? `'${name}' exists` : null);
  if (problem) {
    ui.status.textContent = problem;
    return;
  }
  state.files.push({ name, content: "" });
  editor.add(name, "");
  editor.show(name);
  ui.newFileName.value = "";
  render();
});
ui.copyLink.addEventListener("click", () => {
  const link = `${location.origin}${location.pathname}#${encodeState(state)}`;
  navigator.clipboard.writeText(link).then(
    () => {
      ui.status.textContent = "link copied";
    },
    () => {
      ui.status.textContent = "copy the address bar: it holds the link";
    },
  );
});
window.addEventListener("hashchange", () => loadFragment(location.hash));

const blocked = stringCodeIsBlocked();
ui.cspCheck.textContent = blocked ? "eval: blocked by CSP ✓" : "eval: allowed (no CSP in force)";
ui.cspCheck.dataset.blocked = String(blocked);
loadFragment(location.hash);
