/**
 * Server answers as the API sends them, typed by the types generated from openapi.json: a field
 * renamed in the document breaks these fixtures at the type-check, as it breaks the client.
 * The catalogs are those of the server's tables (TrialParameter, DatasetCatalog, Metric).
 */
import { vi } from 'vitest'
import type { components } from '@/api/openapi'

type S = components['schemas']

const NUMBER_RANGE = { min: null, minInclusive: null, max: null, maxInclusive: null }
function param(
  p: Pick<S['Parameter'], 'name' | 'type' | 'default' | 'doc'> & Partial<S['Parameter']>,
): S['Parameter'] {
  const option = '--' + p.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  return {
    choices: [],
    ...NUMBER_RANGE,
    models: null,
    scope: 'sweep',
    option,
    ...p,
    modelDefaults: p.modelDefaults ?? null,
  }
}
const range = (
  min: number | null,
  minInclusive: boolean,
  max: number | null,
  maxInclusive: boolean,
) => ({
  min,
  minInclusive,
  max,
  maxInclusive,
})

export const MODELS = [
  'naive-block',
  'reduced-block',
  'v2-block',
  'googlenet',
  'googlenet-tv',
  'bn-inception',
  'inception-v3',
  'inception-v4',
  'inception-resnet-v1',
  'inception-resnet-v2',
]

/** `GET /api/parameters` */
export const PARAMETERS: S['Parameter'][] = [
  param({
    name: 'model',
    type: 'choice',
    default: 'googlenet',
    choices: MODELS,
    doc: 'the network',
  }),
  param({
    name: 'dataset',
    type: 'dataset',
    default: 'fashion-mnist',
    choices: ['fashion-mnist', 'cifar10', 'synthetic-shapes'],
    doc: 'the data',
  }),
  param({ name: 'dataDir', type: 'path', default: null, doc: 'directory of the dataset' }),
  param({
    name: 'block',
    type: 'choice',
    default: 'reduced',
    choices: ['reduced', 'naive', 'naive-projected'],
    models: ['googlenet', 'googlenet-tv'],
    doc: 'inception module',
  }),
  param({
    name: 'stem',
    type: 'choice',
    default: 'small',
    choices: ['imagenet', 'small'],
    doc: 'stem',
  }),
  param({
    name: 'width',
    type: 'number',
    default: 0.25,
    ...range(1e-6, true, 8, true),
    doc: 'width',
  }),
  param({
    name: 'auxWeight',
    type: 'number',
    default: 0.3,
    ...range(0, true, null, false),
    models: ['googlenet', 'googlenet-tv', 'inception-v3', 'inception-v4'],
    doc: 'aux heads',
  }),
  param({
    name: 'labelSmoothing',
    type: 'number',
    default: 0,
    ...range(0, true, 1, false),
    doc: 'ε',
  }),
  param({
    name: 'optimizer',
    type: 'choice',
    default: 'sgd',
    choices: ['sgd', 'adam', 'rmsprop'],
    doc: 'opt',
  }),
  param({
    name: 'lr',
    type: 'number',
    default: 0.05,
    ...range(0, false, null, false),
    doc: 'base lr',
  }),
  param({
    name: 'momentum',
    type: 'number',
    default: 0.9,
    ...range(0, true, 1, false),
    doc: 'momentum',
  }),
  param({ name: 'nesterov', type: 'boolean', default: true, doc: 'Nesterov momentum' }),
  param({
    name: 'weightDecay',
    type: 'number',
    default: 5e-4,
    ...range(0, true, null, false),
    doc: 'wd',
  }),
  param({
    name: 'schedule',
    type: 'schedule',
    default: 'cosine',
    choices: ['constant', 'cosine', 'step', 'step:EPOCHS:FACTOR'],
    doc: 'lr schedule',
  }),
  param({
    name: 'warmupEpochs',
    type: 'number',
    default: 0,
    ...range(0, true, 10000, true),
    doc: 'warm-up',
  }),
  param({
    name: 'epochs',
    type: 'integer',
    default: 3,
    ...range(1, true, 10000, true),
    doc: 'epochs',
  }),
  param({
    name: 'batchSize',
    type: 'integer',
    default: 128,
    modelDefaults: { googlenet: 32, 'googlenet-tv': 32 },
    ...range(1, true, 65536, true),
    doc: 'batch',
  }),
  param({ name: 'seed', type: 'integer', default: 42, ...range(0, true, 9e15, true), doc: 'seed' }),
  param({
    name: 'validationFraction',
    type: 'number',
    default: 0.1,
    ...range(0, true, 1, false),
    doc: 'held out for validation',
  }),
  param({
    name: 'imageSize',
    type: 'integer',
    default: 0,
    ...range(0, true, 1024, true),
    doc: 'resize',
  }),
  param({ name: 'augment', type: 'boolean', default: true, doc: 'crops and flips' }),
  param({
    name: 'limitTrain',
    type: 'integer',
    default: 0,
    ...range(0, true, 1e8, true),
    doc: 'limit',
  }),
  param({
    name: 'limitTest',
    type: 'integer',
    default: 0,
    ...range(0, true, 1e8, true),
    doc: 'limit',
  }),
  param({
    name: 'device',
    type: 'text',
    default: 'auto',
    scope: 'worker',
    doc: 'auto | cpu | gpu:N',
  }),
  param({
    name: 'threads',
    type: 'integer',
    default: 0,
    ...range(0, true, 4096, true),
    scope: 'worker',
    doc: 'threads',
  }),
]

/** `GET /api/datasets` */
export const DATASETS: S['Dataset'][] = [
  {
    name: 'fashion-mnist',
    shape: [1, 28, 28],
    classes: 10,
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    train: 60000,
    test: 10000,
    source: 'IDX files',
  },
  {
    name: 'cifar10',
    shape: [3, 32, 32],
    classes: 10,
    classNames: [
      'airplane',
      'automobile',
      'bird',
      'cat',
      'deer',
      'dog',
      'frog',
      'horse',
      'ship',
      'truck',
    ],
    train: 50000,
    test: 10000,
    source: 'the binary version',
  },
  {
    name: 'synthetic-shapes',
    shape: [1, 28, 28],
    classes: 6,
    classNames: ['circle', 'square', 'triangle', 'cross', 'ring', 'bar'],
    train: 6000,
    test: 1200,
    source: 'built in: generated from a fixed seed',
  },
]

/** `GET /api/metrics` */
export const METRICS: S['Metric'][] = [
  {
    name: 'train_loss',
    per: 'step',
    unit: 'nats',
    direction: 'min',
    label: 'train loss (main head)',
    doc: 'the main head',
  },
  {
    name: 'aux_loss',
    per: 'step',
    unit: 'nats',
    direction: 'min',
    label: 'aux loss',
    doc: 'aux heads summed',
  },
  {
    name: 'train_total_loss',
    per: 'step',
    unit: 'nats',
    direction: 'min',
    label: 'total loss (optimised)',
    doc: 'train_loss + auxWeight · aux_loss',
  },
  { name: 'lr', per: 'step', unit: 'lr', direction: null, label: 'learning rate', doc: 'lr' },
  {
    name: 'images_per_sec',
    per: 'step',
    unit: 'images/s',
    direction: 'max',
    label: 'images/s',
    doc: 'throughput',
  },
  {
    name: 'val_loss',
    per: 'epoch',
    unit: 'nats',
    direction: 'min',
    label: 'validation loss',
    doc: 'val loss',
  },
  {
    name: 'val_accuracy',
    per: 'epoch',
    unit: 'fraction',
    direction: 'max',
    label: 'validation accuracy',
    doc: 'top-1 on the validation split',
  },
  {
    name: 'val_top5',
    per: 'epoch',
    unit: 'fraction',
    direction: 'max',
    label: 'validation top-5',
    doc: 'top-5',
  },
]

export function wireAttempt(a: Partial<S['Attempt']> = {}): S['Attempt'] {
  return {
    attempt: 1,
    worker: 'worker-1',
    device: 'cpu',
    started: '2026-11-26T15:00:00Z',
    ended: '2026-11-26T15:02:30Z',
    outcome: 'completed',
    error: null,
    logTail: 'epoch 2/2 val_accuracy 0.9123\n',
    log: '/data/trials/t1/attempt-1.log',
    ...a,
  }
}

export function wireTrial(t: Partial<S['Trial']> = {}): S['Trial'] {
  return {
    id: 't1',
    sweep: 's1',
    index: 0,
    state: 'completed',
    attempt: 1,
    failures: 0,
    parameters: { model: 'googlenet', block: 'reduced', epochs: 2 },
    epoch: 2,
    created: '2026-11-26T14:59:00Z',
    started: '2026-11-26T15:00:00Z',
    finished: '2026-11-26T15:02:30Z',
    worker: 'worker-1',
    rung: null,
    prunedAtRung: null,
    checkpoint: { epoch: 2, path: '/data/trials/t1/ckpt-2' },
    params: 1_234_567,
    macs: 45_600_000,
    error: null,
    noPrune: false,
    result: { testAccuracy: 0.905 },
    attempts: [wireAttempt()],
    epochValues: { val_accuracy: 0.91 },
    testAccuracy: 0.905,
    bestValAccuracy: 0.9123,
    finalValAccuracy: 0.91,
    seconds: 150,
    imagesPerSec: 812.5,
    ...t,
  }
}

export function wireResultRow(r: Partial<S['ResultRow']> = {}): S['ResultRow'] {
  return {
    trial: 't1',
    index: 0,
    state: 'completed',
    attempt: 1,
    parameters: { model: 'googlenet', block: 'reduced' },
    params: 1_234_567,
    macs: 45_600_000,
    bestValAccuracy: 0.9123,
    finalValAccuracy: 0.91,
    testAccuracy: 0.905,
    seconds: 150,
    imagesPerSec: 812.5,
    rung: 2,
    error: null,
    ...r,
  }
}

export function wireSweep(s: Partial<S['Sweep']> = {}): S['Sweep'] {
  return {
    id: 's1',
    name: 'demo',
    state: 'running',
    spec: {
      name: 'demo',
      dataset: 'synthetic-shapes',
      method: 'grid',
      maxTrials: 1000,
      maxConcurrent: 2,
      seed: 7,
      parameters: { model: ['googlenet'], block: ['naive', 'reduced'] },
      earlyStopping: {
        type: 'none',
        metric: 'val_accuracy',
        mode: 'max',
        gracePeriod: 1,
        reductionFactor: 3,
        minTrials: 0,
      },
    },
    created: '2026-11-26T14:59:00Z',
    updated: '2026-11-26T15:00:00Z',
    trials: 2,
    counts: { queued: 2 },
    notes: '',
    tags: [],
    archived: false,
    best: null,
    ...s,
  }
}

/** A model's cost report with the MACs a test needs (the other fields as the API fills them). */
export function wireModelCost(macs: number, auxMacs = 0, model = 'googlenet'): S['ModelCost'] {
  return {
    model,
    input: [1, 28, 28],
    classes: 10,
    aux: auxMacs > 0,
    width: 0.25,
    stem: 'small',
    block: 'reduced',
    params: 1000,
    macs,
    auxParams: 0,
    auxMacs,
    outputShape: [10],
    blocks: [],
    graph: { nodes: [], edges: [] },
  }
}

/**
 * Stubs `fetch` with a server answering the catalogs, plus the routes given (path -> JSON body,
 * or a function of the request). Returns the calls it saw.
 */
export function stubServer(
  routes: Record<string, unknown | ((init?: RequestInit) => Response)> = {},
) {
  const calls: { url: string; method: string; body: unknown }[] = []
  const all: Record<string, unknown> = {
    '/api/parameters': PARAMETERS,
    '/api/datasets': DATASETS,
    '/api/metrics': METRICS,
    ...routes,
  }
  const impl = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET', body: init?.body })
    const path = url.split('?')[0]!
    const hit = all[path] ?? all[url] ?? prefixRoute(all, path)
    if (typeof hit === 'function') return (hit as (i?: RequestInit) => Response)(init)
    if (hit !== undefined) return new Response(JSON.stringify(hit), { status: 200 })
    return new Response(JSON.stringify({ error: `no route ${path}`, details: [] }), { status: 404 })
  })
  vi.stubGlobal('fetch', impl)
  return calls
}

function prefixRoute(all: Record<string, unknown>, path: string): unknown {
  for (const [k, v] of Object.entries(all))
    if (k.endsWith('*') && path.startsWith(k.slice(0, -1))) return v
  return undefined
}
