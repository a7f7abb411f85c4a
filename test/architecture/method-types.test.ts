/**
 * Methods cannot reach truth or scenario, by their types: everything reachable from a method
 * stage's parameters (the records view, what the evaluation side supplies, the methods
 * document), through properties, call signatures and type arguments, is walked with the
 * TypeScript checker. None of it may be declared under src/scenario, src/world or
 * src/evaluate, be the truth tables' contract, or name a truth table. The leaky fixtures show
 * the walk catches each way in.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../helpers.ts';

const FORBIDDEN_HOMES = [/\/src\/scenario\//, /\/src\/world\//, /\/src\/evaluate\//, /\/src\/records\/truth-tables\.ts$/];

const METHOD_STAGES: [file: string, exported: string][] = [
  ['src/methods/cohort/stage.ts', 'cohortMethod'],
  ['src/methods/treatment/stage.ts', 'linkageMethod'],
  ['src/methods/notes/stage.ts', 'makeNotesMethod'],
  ['src/methods/reconviction/stage.ts', 'reconvictionMethod'],
];
const FIXTURE = 'test/architecture/fixtures/leaky-methods.ts';

let program: ts.Program;
let checker: ts.TypeChecker;

beforeAll(() => {
  program = ts.createProgram(
    [...METHOD_STAGES.map(([f]) => join(ROOT, f)), join(ROOT, FIXTURE)],
    { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, allowImportingTsExtensions: true, noEmit: true, skipLibCheck: true, resolveJsonModule: true, types: ['node'] },
  );
  checker = program.getTypeChecker();
});

function exportedType(file: string, name: string): ts.Type {
  const source = program.getSourceFile(join(ROOT, file));
  if (!source) throw new Error(`${file} is not in the program`);
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol).find((s) => s.name === name);
  if (!symbol) throw new Error(`${file} exports no ${name}`);
  const type = checker.getTypeOfSymbol(symbol);
  // A factory (makeNotesMethod): the stage it returns.
  const call = type.getCallSignatures()[0];
  return call ? call.getReturnType() : type;
}

/** The parameter types of a method stage's `method`. */
function methodParameters(stage: ts.Type): ts.Type[] {
  const method = stage.getProperty('method');
  if (!method) throw new Error('not a method stage: no method property');
  const signature = checker.getTypeOfSymbol(method).getCallSignatures()[0];
  return signature.getParameters().map((p) => checker.getTypeOfSymbol(p));
}

function home(symbol: ts.Symbol | undefined): string | null {
  const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
  return file ?? null;
}

/**
 * The declarations a written type annotation names (`knobs: Scenario`): an inferred type (a zod
 * schema's) loses its alias, so the annotation is read as well as the type.
 */
function namedInAnnotation(symbol: ts.Symbol): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const name = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
      let target = checker.getSymbolAtLocation(name);
      // An imported name: the declaration it stands for.
      if (target && target.flags & ts.SymbolFlags.Alias) target = checker.getAliasedSymbol(target);
      const file = home(target);
      if (file) out.push(file);
    }
    ts.forEachChild(node, visit);
  };
  for (const declaration of symbol.declarations ?? []) {
    const typeNode = (declaration as { type?: ts.Node }).type;
    if (typeNode) visit(typeNode);
  }
  return out;
}

/** Every forbidden thing reachable from `roots`, each with the path that reaches it. */
function reachable(roots: ts.Type[]): string[] {
  const seen = new Set<ts.Type>();
  const found: string[] = [];
  const visit = (type: ts.Type, path: string): void => {
    if (seen.has(type)) return;
    seen.add(type);
    if (type.isStringLiteral() && type.value.startsWith('truth_')) found.push(`${path}: names the truth table ${type.value}`);
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      const file = home(symbol);
      if (file && FORBIDDEN_HOMES.some((r) => r.test(file))) found.push(`${path}: ${checker.typeToString(type)} (from ${file.slice(ROOT.length)})`);
    }
    if (type.isUnionOrIntersection()) type.types.forEach((t) => visit(t, path));
    for (const t of type.aliasTypeArguments ?? []) visit(t, `${path}<>`);
    if (type.flags & ts.TypeFlags.Object) {
      const object = type as ts.ObjectType;
      if (object.objectFlags & ts.ObjectFlags.Reference) for (const t of checker.getTypeArguments(object as ts.TypeReference)) visit(t, `${path}<>`);
      const file = home(type.getSymbol());
      // Library types (Promise, Map, typed arrays) are walked through their type arguments only.
      if (file && file.includes('/node_modules/')) return;
      for (const property of type.getProperties()) {
        for (const file of namedInAnnotation(property)) {
          if (FORBIDDEN_HOMES.some((r) => r.test(file))) found.push(`${path}.${property.name}: annotated with a type from ${file.slice(ROOT.length)}`);
        }
        visit(checker.getTypeOfSymbol(property), `${path}.${property.name}`);
      }
      for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
        signature.getParameters().forEach((p) => visit(checker.getTypeOfSymbol(p), `${path}(${p.name})`));
        visit(signature.getReturnType(), `${path}()`);
      }
      const index = checker.getIndexInfosOfType(type);
      for (const info of index) visit(info.type, `${path}[]`);
    }
  };
  roots.forEach((t, i) => visit(t, `parameter ${i}`));
  return found;
}

describe('method stages cannot reach truth or scenario by their types', () => {
  it.each(METHOD_STAGES)('%s %s', (file, name) => {
    const parameters = methodParameters(exportedType(file, name));
    expect(parameters.length).toBe(2);
    expect(reachable(parameters)).toEqual([]);
  });

  it('walks deep enough to see the records, the methods document and a reviewer', () => {
    const [records, methods] = methodParameters(exportedType('src/methods/notes/stage.ts', 'makeNotesMethod'));
    expect(records.getProperty('observed')).toBeDefined();
    expect(records.getProperty('reviewer')).toBeDefined();
    expect(methods.getProperty('linkage')).toBeDefined();
  });

  it.each([
    ['readsScenario', /context\.knobs: annotated with a type from src\/scenario\/schema\.ts/],
    ['readsTruth', /ask\(\).*TruthView|src\/evaluate/],
    ['namesTruthTable', /truth_people/],
  ])('catches the leaky fixture %s', (name, pattern) => {
    const found = reachable(methodParameters(exportedType(FIXTURE, name)));
    expect(found.join('\n')).toMatch(pattern);
  });
});
