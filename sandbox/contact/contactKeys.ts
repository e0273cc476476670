/**
 * How the sandbox's contact directory matches an email or a mobile, as Feishu's
 * `batch_get_id` page describes it: emails ignoring case; mainland China mobiles with or
 * without `+86`; every other mobile only with `+` and its country code. Nothing else is
 * forgiven (spaces, dashes, a missing `+`): normalising input is the client's job.
 */

export function emailKey(email: string): string {
	return email.toLowerCase();
}

/** The 11 digits of a mainland number, or the `+…` number as given; undefined when it can match no one. */
export function mobileKey(mobile: string): string | undefined {
	const mainland = /^(?:\+86)?(1\d{10})$/.exec(mobile);
	if (mainland) return mainland[1];
	return /^\+[1-9]\d{5,14}$/.test(mobile) ? mobile : undefined;
}
