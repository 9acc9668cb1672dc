/**
 * The stack's NATS users: generated on first start into `<stateDir>/credentials.json` (owner-only,
 * never on a command line), and rendered as the server's `authorization` block, where each role may
 * publish and subscribe only where its job needs. What keeps rewards honest: only graders subscribe to
 * the grading subjects, and they publish nothing but replies to the requests they received; nobody
 * else may publish to an inbox, so nobody else can answer a grading request.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EVALUATOR_NATS } from "../../shared/contracts/evaluation.ts";
import { GRADER_NATS } from "../../shared/contracts/grading.ts";
import {
  CREDENTIALS_FILE_NAME,
  NATS_ROLES,
  type NatsRole,
  readCredentialsFile,
  type StackCredentials,
} from "../../shared/nats/credentials.ts";
import { quoted } from "./nats-config.ts";

export interface EnsuredCredentials {
  credentials: StackCredentials;
  file: string;
  /** Whether this call generated them. */
  created: boolean;
}

/**
 * The stack's credentials: read from `<stateDir>/credentials.json`, or generated there on first start.
 * The directory is made owner-only (0700), the file too (0600).
 */
export function ensureStackCredentials(stateDir: string): EnsuredCredentials {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  chmodSync(stateDir, 0o700);
  const file = join(stateDir, CREDENTIALS_FILE_NAME);
  const generated: StackCredentials = {
    nats: Object.fromEntries(
      NATS_ROLES.map((role) => [role, { user: role, password: randomBytes(24).toString("base64url") }]),
    ) as StackCredentials["nats"],
  };
  try {
    // "wx": of two stacks starting at once, one writes and both read the same file.
    writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    return { credentials: generated, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  chmodSync(file, 0o600);
  return { credentials: readCredentialsFile(file), file, created: false };
}

/** What one user may do; subjects use NATS wildcards (`*` one token, `>` the rest). */
export interface NatsPermissions {
  publish: { allow: string[]; deny: string[] };
  subscribe: { allow: string[]; deny: string[] };
  /** May publish one reply to each request it receives, whatever its reply subject (graders). */
  allowResponses: boolean;
}

const GRADING_SUBJECTS = [GRADER_NATS.gradeSubject, GRADER_NATS.batchSubject];
/** Discovery subjects of NATS micro-services (`$SRV.PING`, `$SRV.INFO.<name>`, ...). */
const SERVICE_DISCOVERY = "$SRV.>";
const INBOXES = "_INBOX.>";

/** The JetStream streams behind the job queue, the key-value buckets and the object store. */
const STREAMS = {
  jobs: EVALUATOR_NATS.stream,
  results: `KV_${EVALUATOR_NATS.resultsBucket}`,
  chunks: `KV_${EVALUATOR_NATS.chunksBucket}`,
  samples: `OBJ_${EVALUATOR_NATS.samplesStore}`,
};

/** Looking a stream up, and reading its messages (the client picks direct get when the stream allows it). */
const streamReads = (stream: string) => [
  `$JS.API.STREAM.INFO.${stream}`,
  `$JS.API.STREAM.MSG.GET.${stream}`,
  `$JS.API.DIRECT.GET.${stream}`,
  `$JS.API.DIRECT.GET.${stream}.>`,
];

/** Everything an owner of a stream does: create it, consume it (consumers, acks, flow control). */
const streamOwnership = (stream: string) => [
  ...streamReads(stream),
  `$JS.API.STREAM.CREATE.${stream}`,
  `$JS.API.CONSUMER.*.${stream}`,
  `$JS.API.CONSUMER.*.${stream}.>`,
  `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.>`,
  `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
  `$JS.ACK.${stream}.>`,
  `$JS.FC.${stream}.>`,
];

export const ROLE_PERMISSIONS: Record<NatsRole, NatsPermissions> = {
  grader: {
    // Nothing but replies to the requests it was given.
    publish: { allow: [], deny: [">"] },
    subscribe: { allow: [...GRADING_SUBJECTS, SERVICE_DISCOVERY], deny: [] },
    allowResponses: true,
  },
  evaluator: {
    publish: {
      allow: [
        ...GRADING_SUBJECTS,
        EVALUATOR_NATS.jobsSubject,
        EVALUATOR_NATS.progressSubject("*"),
        "$JS.API.INFO",
        ...Object.values(STREAMS).flatMap(streamOwnership),
        `$KV.${EVALUATOR_NATS.resultsBucket}.>`,
        `$KV.${EVALUATOR_NATS.chunksBucket}.>`,
        `$O.${EVALUATOR_NATS.samplesStore}.>`,
      ],
      deny: [INBOXES],
    },
    subscribe: { allow: [INBOXES], deny: [...GRADING_SUBJECTS, SERVICE_DISCOVERY] },
    allowResponses: false,
  },
  client: {
    publish: {
      allow: [
        ...GRADING_SUBJECTS,
        SERVICE_DISCOVERY,
        EVALUATOR_NATS.jobsSubject,
        "$JS.API.INFO",
        // Opening the job store looks every part up; statuses are read, samples uploaded and looked up.
        ...Object.values(STREAMS).map((stream) => `$JS.API.STREAM.INFO.${stream}`),
        ...streamReads(STREAMS.results),
        ...streamReads(STREAMS.samples),
        `$O.${EVALUATOR_NATS.samplesStore}.>`,
      ],
      deny: [INBOXES],
    },
    subscribe: {
      allow: [INBOXES, EVALUATOR_NATS.progressSubject("*")],
      deny: [...GRADING_SUBJECTS, SERVICE_DISCOVERY],
    },
    allowResponses: false,
  },
};

/** The nats-server (2.9) `authorization` block with the stack's users and their permissions. */
export function renderAuthorization(credentials: StackCredentials): string {
  const list = (subjects: string[]) => `[${subjects.map(quoted).join(", ")}]`;
  // An empty list is left out: to nats-server an empty allow list would mean no restriction.
  const rule = ({ allow, deny }: { allow: string[]; deny: string[] }) => {
    const parts = [
      ...(allow.length ? [`allow: ${list(allow)}`] : []),
      ...(deny.length ? [`deny: ${list(deny)}`] : []),
    ];
    return `{ ${parts.join(", ")} }`;
  };
  const users = NATS_ROLES.map((role) => {
    const { user, password } = credentials.nats[role];
    const permissions = ROLE_PERMISSIONS[role];
    return [
      `    {`,
      `      user: ${quoted(user)}, password: ${quoted(password)}`,
      `      permissions: {`,
      `        publish: ${rule(permissions.publish)}`,
      `        subscribe: ${rule(permissions.subscribe)}`,
      ...(permissions.allowResponses ? ["        allow_responses: true"] : []),
      `      }`,
      `    }`,
    ].join("\n");
  });
  return ["authorization {", "  users = [", users.join(",\n"), "  ]", "}"].join("\n");
}
