/**
 * The safety options of Create Remedy Request. Read per item, so that an Options
 * expression that throws fails only its item; the run then follows the switches of its
 * first ready item (they are run settings, not per-row data).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export interface CreateSettings {
	/** Ask Feishu for the day's allowed slots before creating; fill an open punch from them. */
	checkAllowedSlots: boolean;
	/** Map, validate and check, but create nothing. */
	validateOnly: boolean;
	/** A second item for the same user, day, punch and work type fails as a duplicate. */
	catchDuplicateRows: boolean;
	/** Also fail items whose slot already has a pending or approved remedy in Feishu. */
	checkExistingRemedies: boolean;
}

export function readCreateSettings(context: IExecuteFunctions, itemIndex: number): CreateSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		checkAllowedSlots: options.checkAllowedSlots === true,
		validateOnly: options.validateOnly === true,
		catchDuplicateRows: options.catchDuplicateRows !== false,
		checkExistingRemedies: options.checkExistingRemedies === true,
	};
}
