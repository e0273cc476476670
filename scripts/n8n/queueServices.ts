/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev tool: runs Redis and PostgreSQL for the queue-mode e2e test, in plain Node */
/**
 * The two servers n8n's queue mode needs, from Debian's packages (scripts/e2e/install-services.sh),
 * each started by us on a free 127.0.0.1 port with its data in a temporary directory, and stopped
 * with the rest of the child group: Redis (the job queue) and PostgreSQL (the database main and
 * workers share). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */

import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { delay, freePort, runChecked, type ChildGroup, type Log } from './processes';

export interface RedisServer {
	host: string;
	port: number;
}

export interface PostgresServer {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

/** Where Debian puts PostgreSQL's programs (`/usr/lib/postgresql/<major>/bin`), newest major first. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? join(root, majors[0], 'bin') : undefined;
}

/** Why the queue-mode services cannot run here, or undefined when they can. */
export function missingServices(): string | undefined {
	const redis = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].some((path) => existsSync(path));
	if (!redis) return 'redis-server is not installed (scripts/e2e/install-services.sh installs it)';
	if (!postgresBinDir()) return 'PostgreSQL is not installed (scripts/e2e/install-services.sh installs it)';
	return undefined;
}

export async function startRedis(children: ChildGroup, dataDir: string, log: Log): Promise<RedisServer> {
	mkdirSync(dataDir, { recursive: true });
	const port = await freePort();
	const started = Date.now();
	const child = children.spawn(
		'redis-server',
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--dir',
			dataDir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
		],
		{
			cwd: dataDir,
		},
	);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
	await waitFor(
		async () => (await redisPing(port)) === '+PONG',
		30_000,
		() => `redis-server did not answer PING on port ${port}:\n${output}`,
		() => child.exitCode !== null,
	);
	log(`Redis on 127.0.0.1:${port} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
	return { host: '127.0.0.1', port };
}

/** initdb into `baseDir/data`, then `postgres` on a free port with its socket in `baseDir`; creates the database. */
export async function startPostgres(children: ChildGroup, baseDir: string, log: Log): Promise<PostgresServer> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed (scripts/e2e/install-services.sh installs it)');
	const started = Date.now();
	const dataDir = join(baseDir, 'data');
	mkdirSync(dataDir, { recursive: true });
	const asRoot = process.getuid?.() === 0;
	const server: PostgresServer = {
		host: '127.0.0.1',
		port: await freePort(),
		database: 'n8n',
		user: 'n8n',
		password: 'n8n-queue-e2e',
	};
	if (asRoot) {
		// The postgres user must reach and own the data directory (a mkdtemp is 0700 root).
		const { uid, gid } = postgresUser();
		chmodSync(baseDir, 0o755);
		chownSync(baseDir, uid, gid);
		chownSync(dataDir, uid, gid);
	}
	const as = (program: string, args: string[]): [string, string[]] =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
	const passwordFile = join(baseDir, 'password');
	writeFileSync(passwordFile, `${server.password}\n`, { mode: 0o644 });
	await runChecked(
		...as('initdb', [
			'-D',
			dataDir,
			'-U',
			server.user,
			`--pwfile=${passwordFile}`,
			'--auth=scram-sha-256',
			'-E',
			'UTF8',
			'--locale=C',
		]),
		{ timeoutMs: 120_000 },
	);

	const child = children.spawn(
		...as('postgres', [
			'-D',
			dataDir,
			'-p',
			String(server.port),
			'-k',
			baseDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
		]),
		{ cwd: baseDir },
	);
	let output = '';
	child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
	child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
	await waitFor(
		async () => output.includes('ready to accept connections'),
		60_000,
		() => `postgres did not get ready on port ${server.port}:\n${output}`,
		() => child.exitCode !== null,
	);
	await runChecked(
		join(bin, 'createdb'),
		['-h', server.host, '-p', String(server.port), '-U', server.user, server.database],
		{
			env: { ...process.env, PGPASSWORD: server.password },
			timeoutMs: 60_000,
		},
	);
	log(
		`PostgreSQL on 127.0.0.1:${server.port}, database ${server.database} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
	);
	return server;
}

/** The `postgres` user Debian's package creates, from /etc/passwd. */
function postgresUser(): { uid: number; gid: number } {
	const entry = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'))
		.find((fields) => fields[0] === 'postgres');
	const uid = Number(entry?.[2]);
	const gid = Number(entry?.[3]);
	if (!entry || !Number.isInteger(uid) || !Number.isInteger(gid))
		throw new Error('no postgres user (the postgresql package creates it)');
	return { uid, gid };
}

/** Sends PING over Redis's protocol; resolves with the first reply line, or undefined. */
function redisPing(port: number): Promise<string | undefined> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (value: string | undefined): void => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(2000, () => done(undefined));
		socket.once('error', () => done(undefined));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.includes('\r\n')) done(reply.split('\r\n')[0]);
		});
	});
}

async function waitFor(
	check: () => Promise<boolean>,
	timeoutMs: number,
	why: () => string,
	exited: () => boolean,
): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (await check()) return;
		if (exited()) throw new Error(why());
		await delay(200);
	}
	throw new Error(why());
}
