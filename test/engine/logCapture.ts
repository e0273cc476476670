/**
 * Captures what nodes write to n8n's logger (the one `this.logger` returns in a node),
 * so tests can assert on what an execution's log says.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

export function captureWarnings(): { messages: string[]; restore: () => void } {
	const logger = Container.get(Logger);
	const original = logger.warn.bind(logger);
	const messages: string[] = [];
	logger.warn = (message: string) => {
		messages.push(message);
	};
	return { messages, restore: () => (logger.warn = original) };
}
