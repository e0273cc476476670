/** Tests are TypeScript run through ts-jest in transpile-only mode; `npm run typecheck` type-checks them. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
	},
	testTimeout: 60000,
	// n8n-core leaves a 60 s timer behind after a workflow run; see package.json "test:jest".
	forceExit: true,
	reporters: ['default', '<rootDir>/test/reporter/passFailLine.js'],
};
