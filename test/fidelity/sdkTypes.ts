/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in jest under plain Node, never inside n8n */
/**
 * What the official SDK's TypeScript declarations say an endpoint takes and answers, read
 * from the installed `types/index.d.ts` (generated from Feishu's API definitions), so the
 * shape checks follow the SDK instead of a list typed by hand. A method is found by the
 * API-explorer link its JSDoc carries, its declaration cut out and parsed with TypeScript,
 * and turned into a small runtime description that values can be checked against.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export type DeclaredType =
	| { kind: 'string'; literals?: string[] }
	| { kind: 'number' }
	| { kind: 'boolean' }
	| { kind: 'object'; fields: DeclaredField[] }
	| { kind: 'array'; element: DeclaredType };

export interface DeclaredField {
	name: string;
	optional: boolean;
	type: DeclaredType;
}

export interface DeclaredMethod {
	/** The method's name in the SDK, e.g. `queryUserAllowedRemedys`. */
	name: string;
	/** The payload: `{ data, params }`. */
	payload: DeclaredType;
	/** What the returned promise resolves to: `{ code, msg, data }`. */
	response: DeclaredType;
}

export interface ApiName {
	project: string;
	resource: string;
	apiName: string;
	version: string;
}

let declarations: string | undefined;

function sdkDeclarations(): string {
	if (declarations === undefined) {
		const root = dirname(require.resolve('@larksuiteoapi/node-sdk/package.json'));
		declarations = readFileSync(join(root, 'types', 'index.d.ts'), 'utf8');
	}
	return declarations;
}

/** The declaration of one SDK method, by the Feishu API it calls. */
export function declaredMethod(api: ApiName): DeclaredMethod {
	const text = sdkDeclarations();
	const anchor = `api-explorer?project=${api.project}&resource=${api.resource}&apiName=${api.apiName}&version=${api.version} click to debug`;
	const at = text.indexOf(anchor);
	if (at < 0) throw new Error(`the SDK declares no method for ${anchor}`);
	const head = /\n\s*(\w+): \(payload/g;
	head.lastIndex = at;
	const match = head.exec(text);
	if (!match) throw new Error(`no method declaration follows ${anchor}`);
	const start = match.index + match[0].length - '(payload'.length;
	const source = ts.createSourceFile(
		'method.ts',
		`type Method = ${text.slice(start, endOfType(text, start))};`,
		ts.ScriptTarget.Latest,
	);
	const alias = source.statements[0];
	if (!alias || !ts.isTypeAliasDeclaration(alias) || !ts.isFunctionTypeNode(alias.type))
		throw new Error(`${match[1]} is not declared as a function`);
	const payloadType = alias.type.parameters[0]?.type;
	const promise = alias.type.type;
	if (
		!payloadType ||
		!ts.isTypeReferenceNode(promise) ||
		promise.typeName.getText(source) !== 'Promise' ||
		!promise.typeArguments?.[0]
	) {
		throw new Error(`${match[1]} does not take a payload and return a Promise`);
	}
	return { name: match[1], payload: typeOf(payloadType, source), response: typeOf(promise.typeArguments[0], source) };
}

/**
 * The JSDoc the SDK generated for a method from Feishu's page (its summary and 注意事项), as
 * one string: what Feishu says about the API beyond its types.
 */
export function declaredNotes(api: ApiName): string {
	const text = sdkDeclarations();
	const anchor = `api-explorer?project=${api.project}&resource=${api.resource}&apiName=${api.apiName}&version=${api.version} click to debug`;
	const at = text.indexOf(anchor);
	if (at < 0) throw new Error(`the SDK declares no method for ${anchor}`);
	const end = text.indexOf('*/', at);
	return text
		.slice(at, end)
		.split('\n')
		.map((line) => line.replace(/^\s*\*\s?/, ''))
		.join('\n');
}

/** The `;` that ends the declaration starting at `start`: the first one outside every bracket. */
function endOfType(text: string, start: number): number {
	let depth = 0;
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (char === '(' || char === '{' || char === '[') depth++;
		else if (char === ')' || char === '}' || char === ']') depth--;
		else if (char === ';' && depth === 0) return i;
	}
	throw new Error('unterminated declaration');
}

function typeOf(node: ts.TypeNode, source: ts.SourceFile): DeclaredType {
	if (ts.isParenthesizedTypeNode(node)) return typeOf(node.type, source);
	if (ts.isUnionTypeNode(node)) {
		const members = node.types.filter((member) => member.kind !== ts.SyntaxKind.UndefinedKeyword);
		const literals = members.map((member) =>
			ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal) ? member.literal.text : undefined,
		);
		if (literals.every((literal) => literal !== undefined)) return { kind: 'string', literals: literals as string[] };
		if (members.length === 1) return typeOf(members[0], source);
		throw new Error(`unsupported union: ${node.getText(source)}`);
	}
	if (node.kind === ts.SyntaxKind.StringKeyword) return { kind: 'string' };
	if (node.kind === ts.SyntaxKind.NumberKeyword) return { kind: 'number' };
	if (node.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'boolean' };
	if (ts.isArrayTypeNode(node)) return { kind: 'array', element: typeOf(node.elementType, source) };
	if (ts.isTypeReferenceNode(node) && node.typeName.getText(source) === 'Array' && node.typeArguments?.length === 1) {
		return { kind: 'array', element: typeOf(node.typeArguments[0], source) };
	}
	if (ts.isTypeLiteralNode(node)) {
		return {
			kind: 'object',
			fields: node.members.map((member) => {
				if (!ts.isPropertySignature(member) || !member.type)
					throw new Error(`unsupported member: ${member.getText(source)}`);
				return {
					name: member.name.getText(source),
					optional: member.questionToken !== undefined,
					type: typeOf(member.type, source),
				};
			}),
		};
	}
	throw new Error(`unsupported type: ${node.getText(source)}`);
}

/** The declared type at a path of field names, e.g. `['data', 'user_remedy']`. */
export function declaredAt(type: DeclaredType, path: string[]): DeclaredType {
	let current = type;
	for (const name of path) {
		if (current.kind === 'array') current = current.element;
		if (current.kind !== 'object') throw new Error(`${name}: not an object in the declaration`);
		const field = current.fields.find((candidate) => candidate.name === name);
		if (!field) throw new Error(`the SDK declares no field ${name}`);
		current = field.type;
	}
	return current;
}

export interface ShapeCheck {
	/** Also require the fields the SDK marks optional (`?`): Feishu's pages list them all in answers. */
	requireOptional: boolean;
}

/**
 * Every way `value` differs from the declaration: a missing field, a field the SDK does
 * not declare, a wrong type, a string outside its declared literals. Empty when it fits.
 */
export function shapeProblems(value: unknown, type: DeclaredType, check: ShapeCheck, path = '$'): string[] {
	switch (type.kind) {
		case 'string':
			if (typeof value !== 'string') return [`${path}: expected a string, got ${JSON.stringify(value)}`];
			if (type.literals && !type.literals.includes(value))
				return [`${path}: expected one of ${type.literals.join(', ')}, got ${JSON.stringify(value)}`];
			return [];
		case 'number':
			return typeof value === 'number' && Number.isFinite(value)
				? []
				: [`${path}: expected a number, got ${JSON.stringify(value)}`];
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${path}: expected a boolean, got ${JSON.stringify(value)}`];
		case 'array':
			if (!Array.isArray(value)) return [`${path}: expected an array, got ${JSON.stringify(value)}`];
			return value.flatMap((element, index) => shapeProblems(element, type.element, check, `${path}[${index}]`));
		case 'object': {
			if (typeof value !== 'object' || value === null || Array.isArray(value))
				return [`${path}: expected an object, got ${JSON.stringify(value)}`];
			const record = value as Record<string, unknown>;
			const problems: string[] = [];
			for (const field of type.fields) {
				if (record[field.name] === undefined) {
					if (!field.optional || check.requireOptional) problems.push(`${path}.${field.name}: missing`);
				} else {
					problems.push(...shapeProblems(record[field.name], field.type, check, `${path}.${field.name}`));
				}
			}
			const declared = new Set(type.fields.map((field) => field.name));
			for (const name of Object.keys(record))
				if (!declared.has(name)) problems.push(`${path}.${name}: not declared by the SDK`);
			return problems;
		}
	}
}

/** The declared field names of an object type, in declaration order. */
export function fieldNames(type: DeclaredType): string[] {
	if (type.kind !== 'object') throw new Error('not an object type');
	return type.fields.map((field) => field.name);
}
