/**
 * The runtime truth for a scenario: a strict (unknown keys are errors), versioned zod schema.
 * Field rules come from `rules.ts`; rules that tie two fields together are in `cross.ts`.
 * A compile-time check at the bottom keeps `z.infer` and the `Scenario` contract in `types.ts` equal.
 */
import { z } from 'zod';
import { crossCheck } from './cross';
import { bool, int } from './fields';
import { MAX_FAULTS, MAX_RAW_STREAM_BYTES, RULES } from './rules';
import { type Fault, type PduField, SCENARIO_VERSION, type Scenario } from './types';

export const PDU_FIELDS = [
  'pdu_type',
  'flags',
  'hlen',
  'pdo',
  'plen',
  'cccid',
  'ttag',
  'datao',
  'datal',
] as const satisfies readonly PduField[];

export const FAULT_KINDS = [
  'drop-segment',
  'duplicate-segment',
  'reorder-segment',
  'corrupt-hdgst',
  'corrupt-ddgst',
  'corrupt-field',
] as const satisfies readonly Fault['kind'][];

/** Allowed keys of each fault kind (used to word "unknown field" errors). */
export const FAULT_KEYS: Record<Fault['kind'], readonly string[]> = {
  'drop-segment': ['kind', 'segment'],
  'duplicate-segment': ['kind', 'segment'],
  'reorder-segment': ['kind', 'segment', 'by'],
  'corrupt-hdgst': ['kind', 'pdu'],
  'corrupt-ddgst': ['kind', 'pdu'],
  'corrupt-field': ['kind', 'pdu', 'field', 'value'],
};

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEX_PATTERN = /^[0-9A-Fa-f]*$/;

const obj = <T extends z.core.$ZodLooseShape>(shape: T, what: string) =>
  z.strictObject(shape, { error: `must be an object (${what})` });

const faultSchema = z.discriminatedUnion(
  'kind',
  [
    obj({ kind: z.literal('drop-segment'), segment: int(RULES['fault.segment']) }, 'a drop-segment fault'),
    obj(
      { kind: z.literal('duplicate-segment'), segment: int(RULES['fault.segment']) },
      'a duplicate-segment fault',
    ),
    obj(
      {
        kind: z.literal('reorder-segment'),
        segment: int(RULES['fault.segment']),
        by: int(RULES['fault.by']),
      },
      'a reorder-segment fault',
    ),
    obj({ kind: z.literal('corrupt-hdgst'), pdu: int(RULES['fault.pdu']) }, 'a corrupt-hdgst fault'),
    obj({ kind: z.literal('corrupt-ddgst'), pdu: int(RULES['fault.pdu']) }, 'a corrupt-ddgst fault'),
    obj(
      {
        kind: z.literal('corrupt-field'),
        pdu: int(RULES['fault.pdu']),
        field: z.enum(PDU_FIELDS, { error: `must be one of ${PDU_FIELDS.join(', ')}` }),
        value: int(RULES['fault.value']),
      },
      'a corrupt-field fault',
    ),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `must be one of ${FAULT_KINDS.join(', ')}`
        : `must be a fault object with a kind (${FAULT_KINDS.join(', ')})`,
  },
);

const rawStreamHex = z
  .string({ error: `must be null or a string of hex digits (at most ${MAX_RAW_STREAM_BYTES} bytes)` })
  .refine(
    (s) => s.length >= 2 && s.length <= 2 * MAX_RAW_STREAM_BYTES && s.length % 2 === 0 && HEX_PATTERN.test(s),
    {
      error: `must be null or an even number of hex digits encoding 1 to ${MAX_RAW_STREAM_BYTES} bytes`,
    },
  )
  .nullable();

export const scenarioObjectSchema = z.strictObject(
  {
    version: z.literal(SCENARIO_VERSION, {
      error: `must be ${SCENARIO_VERSION} (the only scenario version)`,
    }),
    id: z.string({ error: 'must be a string' }).regex(ID_PATTERN, {
      error: "must be 1 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit",
    }),
    title: z
      .string({ error: 'must be a string' })
      .max(200, { error: 'must be a string of at most 200 characters' }),
    description: z
      .string({ error: 'must be a string' })
      .max(2000, { error: 'must be a string of at most 2000 characters' }),
    seed: int(RULES.seed),

    wire: obj(
      {
        linkRateBps: int(RULES['wire.linkRateBps']),
        oneWayDelayNs: int(RULES['wire.oneWayDelayNs']),
        mtu: int(RULES['wire.mtu']),
        tcpTimestamps: bool(),
      },
      'the wire',
    ),

    workload: obj(
      {
        writes: int(RULES['workload.writes']),
        ioSizeBytes: int(RULES['workload.ioSizeBytes']),
        queueDepth: int(RULES['workload.queueDepth']),
        thinkTimeNs: int(RULES['workload.thinkTimeNs']),
        hpda: int(RULES['workload.hpda']),
        rawStreamHex,
      },
      'the workload',
    ),

    nic: obj(
      {
        rxRingSize: int(RULES['nic.rxRingSize']),
        rxBufferSize: z.literal([0, 2048, 3072], {
          error: 'must be one of 0 (chosen by the driver), 2048 or 3072',
        }),
        itrIntsPerSec: int(RULES['nic.itrIntsPerSec']),
      },
      'the igb NIC',
    ),

    softirq: obj(
      {
        netdevBudget: int(RULES['softirq.netdevBudget']),
        netdevBudgetUsecs: int(RULES['softirq.netdevBudgetUsecs']),
        napiWeight: int(RULES['softirq.napiWeight']),
        maxSoftirqRestart: int(RULES['softirq.maxSoftirqRestart']),
        maxSoftirqTimeNs: int(RULES['softirq.maxSoftirqTimeNs']),
        hz: int(RULES['softirq.hz']),
        gro: bool(),
        groNormalBatch: int(RULES['softirq.groNormalBatch']),
      },
      'softirq and NAPI',
    ),

    tcp: obj(
      {
        rmemMax: int(RULES['tcp.rmemMax']),
        wmemMax: int(RULES['tcp.wmemMax']),
        soRcvbufRequest: int(RULES['tcp.soRcvbufRequest']),
        soSndbufRequest: int(RULES['tcp.soSndbufRequest']),
        delayedAckNs: int(RULES['tcp.delayedAckNs']),
        rcvlowat: int(RULES['tcp.rcvlowat']),
        rtoNs: int(RULES['tcp.rtoNs']),
      },
      'TCP',
    ),

    cpu: obj(
      {
        reactorCore: z.literal([0, 1], { error: 'must be 0 (shares the IRQ core) or 1 (its own core)' }),
        schedSliceNs: int(RULES['cpu.schedSliceNs']),
        costs: obj(
          {
            hardIrqNs: int(RULES['cpu.costs.hardIrqNs']),
            perDescriptorNs: int(RULES['cpu.costs.perDescriptorNs']),
            perSkbNs: int(RULES['cpu.costs.perSkbNs']),
            syscallNs: int(RULES['cpu.costs.syscallNs']),
            copyPsPerByte: int(RULES['cpu.costs.copyPsPerByte']),
            pollNs: int(RULES['cpu.costs.pollNs']),
            pduHandleNs: int(RULES['cpu.costs.pduHandleNs']),
            crcPsPerByte: int(RULES['cpu.costs.crcPsPerByte']),
          },
          'CPU costs',
        ),
      },
      'the CPUs',
    ),

    spdk: obj(
      {
        inCapsuleDataSize: int(RULES['spdk.inCapsuleDataSize']),
        maxIoSize: int(RULES['spdk.maxIoSize']),
        ioUnitSize: int(RULES['spdk.ioUnitSize']),
        numSharedBuffers: int(RULES['spdk.numSharedBuffers']),
        bufCacheSize: int(RULES['spdk.bufCacheSize']),
        maxQueueDepth: int(RULES['spdk.maxQueueDepth']),
        headerDigest: bool(),
        dataDigest: bool(),
        difInsertOrStrip: bool(),
        pipeRewindOnEmpty: bool(),
        backendLatencyNs: int(RULES['spdk.backendLatencyNs']),
        pollIntervalNs: int(RULES['spdk.pollIntervalNs']),
      },
      'the SPDK target',
    ),

    faults: z
      .array(faultSchema, { error: `must be an array of at most ${MAX_FAULTS} faults` })
      .max(MAX_FAULTS, { error: `must be an array of at most ${MAX_FAULTS} faults` }),

    limits: obj(
      {
        maxSimTimeNs: int(RULES['limits.maxSimTimeNs']),
        maxEvents: int(RULES['limits.maxEvents']),
      },
      'the run limits',
    ),
  },
  { error: 'must be an object (a scenario)' },
);

/**
 * The whole scenario: field rules, then the cross-field rules. Those run only once every field is
 * valid (unknown keys aside), so they can trust ranges and a bad field is not reported twice.
 */
export const scenarioSchema = scenarioObjectSchema.superRefine(crossCheck, {
  when: (payload) => payload.issues.every((issue) => issue.code === 'unrecognized_keys'),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioOutput = z.infer<typeof scenarioSchema>;

// Compile-time contract check: the schema's type and `Scenario` (types.ts) are mutually assignable,
// and identical in the strict sense (which also catches an `any` hiding anywhere inside).
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesContract: MutuallyAssignable<ScenarioOutput, Scenario> = true;
const schemaIsContract: Identical<ScenarioOutput, Scenario> = true;
void schemaMatchesContract;
void schemaIsContract;
