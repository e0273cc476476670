/** How the benchmark's reports write numbers: one place, so the terminal and markdown tables agree. */

export function int(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

export function rate(perSecond: number, unit = true): string {
	return `${perSecond.toFixed(1)}${unit ? ' req/s' : ''}`;
}

export function ratio(value: number): string {
	return value.toFixed(3);
}

export function ms(value: number, digits = 0): string {
	return `${value.toFixed(digits)} ms`;
}

/** Seconds, with two decimals unless told otherwise. */
export function seconds(valueMs: number, digits = 2): string {
	return `${(valueMs / 1000).toFixed(digits)} s`;
}

/** A spread of timings as `p50 … · p95 … · max …`, in ms unless another unit is given. */
export function spreadText(
	figures: { p50: number; p95: number; max: number },
	unit: (valueMs: number) => string = ms,
): string {
	return `p50 ${unit(figures.p50)} · p95 ${unit(figures.p95)} · max ${unit(figures.max)}`;
}

export function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

export function percent(value: number): string {
	return `${(value * 100).toFixed(2)} %`;
}
