import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Which 409, 422 and 503 each route can answer, read from the code rather than from a test run: from
 * the function its handler gives the route (`httpHandler(routes, name, { 'GET /x': … }, options)`)
 * and the HTTP chain with its options, every function they can reach, and every
 * `new ConflictError(…)` / `new UnprocessableError(…)` / `new UnavailableError(…)` (or of a subclass) there. The TypeScript
 * checker resolves each call and each function passed by name, imports and aliases included; a call
 * through a port (`deps.orders.get(…)`, typed by an interface) reaches the object literals that
 * implement it: those typed by that interface, and those of a shape that fits where it is called.
 *
 * It errs on the side of reaching too much: an error caught and turned into another still counts.
 * A call through a port it finds no implementation of (a class, say) is reported in `blindSpots`
 * rather than silently missed; a call by computed name (`handlers[key]()`) is not followed.
 */

/** A refusal's status: a conflict, a rule, or a dependency not answering (Stripe). */
export type RefusalStatus = 409 | 422 | 503;

export interface RefusalSite {
  status: RefusalStatus;
  /** `shared/returns/domain/refunds.ts:44`. */
  at: string;
  /** The error's class and the start of its message, as written. */
  error: string;
}

export interface RouteRefusals {
  byRoute: Map<string, RefusalSite[]>;
  /** Calls through a port (a member of an interface of ours) that no implementation could be found for. */
  blindSpots: string[];
}

const functionLike = (node: ts.Node): node is ts.SignatureDeclaration =>
  ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isGetAccessor(node);

export const routeRefusals = (root: string): RouteRefusals => {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (!config) throw new Error('tsconfig.json could not be read');
  const handlers = readdirSync(join(root, 'functions')).map((fn) => join(root, 'functions', fn, 'handler.ts'));
  const program = ts.createProgram({ rootNames: handlers.filter((file) => ts.sys.fileExists(file)), options: config.options });
  const checker = program.getTypeChecker();
  const ours = (file: ts.SourceFile) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/');
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    return `${relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };
  const resolved = (symbol: ts.Symbol | undefined) => (symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const declarationsOf = (symbol: ts.Symbol | undefined) => (resolved(symbol)?.declarations ?? []).filter((d) => ours(d.getSourceFile()));

  // The refusals, by their classes in the kernel; a subclass answers what its base answers.
  const kernel = program.getSourceFiles().find((f) => f.fileName.endsWith('/shared/kernel/errors.ts'));
  const exported = kernel && checker.getExportsOfModule(checker.getSymbolAtLocation(kernel)!);
  const refusalClasses = new Map<ts.Symbol, RefusalStatus>();
  for (const [name, status] of [['ConflictError', 409], ['UnprocessableError', 422], ['UnavailableError', 503]] as const) {
    const symbol = exported?.find((s) => s.name === name);
    if (!symbol) throw new Error(`${name} is not exported by shared/kernel/errors.ts`);
    refusalClasses.set(symbol, status);
  }
  const statusOfClass = (symbol: ts.Symbol | undefined, depth = 0): RefusalStatus | undefined => {
    const klass = resolved(symbol);
    if (!klass || depth > 10) return undefined;
    const known = refusalClasses.get(klass);
    if (known) return known;
    const declaration = klass.declarations?.find(ts.isClassDeclaration);
    const base = declaration?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    return base ? statusOfClass(checker.getSymbolAtLocation(base.expression), depth + 1) : undefined;
  };

  // Every object literal of ours, by the names written in it; a literal with a spread may hold
  // any name. Those with a call's name are what a call through a port may land on.
  const byMember = new Map<string, ts.ObjectLiteralExpression[]>();
  const spreading: ts.ObjectLiteralExpression[] = [];
  const collect = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const member of node.properties) {
        if (ts.isSpreadAssignment(member)) spreading.push(node);
        else if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) byMember.set(member.name.text, [...(byMember.get(member.name.text) ?? []), node]);
      }
    }
    ts.forEachChild(node, collect);
  };
  program.getSourceFiles().filter(ours).forEach(collect);
  const literalsWith = (name: string) => [...new Set([...(byMember.get(name) ?? []), ...spreading])];

  /**
   * The members a call `receiver.name(…)` through an interface can land on: those of the literals
   * typed by that interface, and of the literals whose shape fits the receiver.
   */
  const landings = new Map<ts.Node, ts.Declaration[]>();
  const implementationsOf = (access: ts.PropertyAccessExpression, declarations: readonly ts.Declaration[]) => {
    const known = landings.get(access);
    if (known) return known;
    const name = access.name.text;
    const receiver = checker.getTypeAtLocation(access.expression);
    const found = literalsWith(name).flatMap((literal) => {
      const type = checker.getTypeAtLocation(literal);
      if (!type.getProperty(name)) return [];
      const typedAs = checker.getContextualType(literal);
      const implemented = typedAs && checker.getPropertyOfType(typedAs, name)?.declarations?.some((d) => declarations.includes(d));
      // Widened: a fresh literal would fail on its extra members, as an excess property check does.
      const fits = implemented || checker.isTypeAssignableTo(checker.getWidenedType(type), receiver);
      return fits ? (type.getProperty(name)?.declarations ?? []) : [];
    });
    landings.set(access, found);
    return found;
  };

  const blindSpots = new Set<string>();

  /** Everything reachable from one route's function, and the refusals constructed on the way. */
  const reach = (...entries: (ts.Node | undefined)[]): RefusalSite[] => {
    const seen = new Set<ts.Node>();
    const queue: ts.Node[] = [];
    const sites: RefusalSite[] = [];
    const enqueue = (node: ts.Node | undefined) => {
      if (node && !seen.has(node)) {
        seen.add(node);
        queue.push(node);
      }
    };
    /** What a name that holds a function leads to: its body, or what builds it. */
    const follow = (declaration: ts.Node) => {
      if (functionLike(declaration)) enqueue(declaration);
      else if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) enqueue(declaration.initializer);
      else if (ts.isShorthandPropertyAssignment(declaration)) checker.getShorthandAssignmentValueSymbol(declaration)?.declarations?.forEach(follow);
    };
    const holdsFunction = (node: ts.Node) => checker.getNonNullableType(checker.getTypeAtLocation(node)).getCallSignatures().length > 0;
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node)) {
        const status = statusOfClass(checker.getSymbolAtLocation(node.expression));
        if (status) {
          const message = node.arguments?.[0]?.getText() ?? '';
          sites.push({ status, at: where(node), error: `${node.expression.getText()}(${message.length > 80 ? `${message.slice(0, 79)}…` : message})` });
        }
      }
      if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) && holdsFunction(node)) {
        declarationsOf(checker.getSymbolAtLocation(node)).forEach(follow);
      }
      if (ts.isPropertyAccessExpression(node) && holdsFunction(node)) {
        const declarations = declarationsOf(checker.getSymbolAtLocation(node.name));
        const direct = declarations.filter((d) => !ts.isPropertySignature(d) && !ts.isMethodSignature(d));
        direct.forEach(follow);
        if (declarations.length > direct.length) {
          const found = implementationsOf(node, declarations);
          // A port is an interface of ours (a type written inline may describe a library's object);
          // an optional member nobody gives has nothing to reach.
          const port = declarations.some((d) => ts.isInterfaceDeclaration(d.parent) && !(d as ts.PropertySignature | ts.MethodSignature).questionToken);
          if (found.length === 0 && port) blindSpots.add(`${where(node)} ${node.getText()}`);
          found.forEach(follow);
        }
      }
      ts.forEachChild(node, visit);
    };
    entries.forEach(enqueue);
    while (queue.length > 0) visit(queue.pop()!);
    return sites;
  };

  // Each route's function, as each handler hands it to `httpHandler`.
  const byRoute = new Map<string, RefusalSite[]>();
  for (const file of program.getRootFileNames().map((name) => program.getSourceFile(name)!)) {
    const find = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.expression.getText() === 'httpHandler') {
        const table = node.arguments[2];
        if (!table || !ts.isObjectLiteralExpression(table)) throw new Error(`${where(node)}: httpHandler without a literal table of routes`);
        for (const member of table.properties) {
          if (!member.name || !ts.isStringLiteral(member.name)) throw new Error(`${where(member)}: a route not named by a string literal`);
          const key = member.name.text;
          if (byRoute.has(key)) throw new Error(`${key} is handled twice`);
          // The route's function, and the chain every route of the function goes through (its options: a bearer's check).
          byRoute.set(key, reach(ts.isPropertyAssignment(member) ? member.initializer : member, node.expression, node.arguments[3]));
        }
      }
      ts.forEachChild(node, find);
    };
    find(file);
  }
  return { byRoute, blindSpots: [...blindSpots].sort() };
};
