/**
 * The run-time half of naming people by email or mobile: every person the batch names is
 * looked up in one go (50 emails and 50 mobiles a request, each person once, paced and
 * retried by the Feishu client like any call), items whose person Feishu does not resolve are
 * failed with nothing sent, and the others get the employee ID to send and a `resolved_user`
 * to show beside their email or mobile.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FailedRequest } from '../../execution/itemOutcome';
import { ContactDirectory } from '../../identity/contactLookup';
import { personKey } from '../../identity/personKeys';
import type { PersonKey } from '../../identity/personKeys';
import type { FeishuClient } from '../../transport/feishuClient';
import type { ItemRecord } from '../operation';

/** A directory for one run, asking through the run's Feishu client. */
export function contactDirectoryOf(feishu: FeishuClient): ContactDirectory {
	return new ContactDirectory(async (call) => await feishu.call(call));
}

/**
 * Resolves the person of each record that names one (`peopleOf` may name several, for a
 * records query). A record with any person unresolved is failed with that person's failure and
 * `failedRequest`; the answer maps each resolved person key to its employee ID.
 */
export async function resolvePeople<Plan>(
	batch: Array<ItemRecord<Plan>>,
	peopleOf: (plan: Plan) => readonly PersonKey[],
	directory: ContactDirectory,
	failedRequest: (record: ItemRecord<Plan>) => FailedRequest,
): Promise<Map<string, string>> {
	const named = batch.filter((record) => peopleOf(record.plan).length > 0);
	const employeeIds = new Map<string, string>();
	if (named.length === 0) return employeeIds;
	const resolutions = await directory.resolve(named.flatMap((record) => peopleOf(record.plan)));
	for (const [key, resolution] of resolutions) if (resolution.ok) employeeIds.set(key, resolution.employeeId);
	for (const record of named) {
		for (const person of peopleOf(record.plan)) {
			const resolution = resolutions.get(personKey(person));
			if (resolution && !resolution.ok) {
				record.fail(resolution.failure, failedRequest(record));
				break;
			}
		}
	}
	return employeeIds;
}

/** What a Success item shows beside the email or mobile it came with. */
export function resolvedUserJson(person: PersonKey, employeeId: string): IDataObject {
	return { resolved_user: { [person.idType]: person.value, employee_id: employeeId } };
}
