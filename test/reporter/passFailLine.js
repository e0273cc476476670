/**
 * Prints jest's totals as the plain line "N passed, N failed" that CI reads,
 * after jest's own summary.
 */
class PassFailLineReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		// A suite that fails to load counts as a failure too, so the line never reads green by omission.
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
		process.stdout.write(`\n${line}\n`);
	}
}
module.exports = PassFailLineReporter;
