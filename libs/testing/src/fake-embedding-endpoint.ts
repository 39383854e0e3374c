import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DeterministicEmbedder } from '@app/search';

export interface FakeEmbeddingEndpointOptions {
  dimensions: number;
  /**
   * Texts containing any phrase of a concept get (nearly) the concept's vector, whatever their other words:
   * the stand-in for a model that knows two wordings mean the same thing.
   */
  concepts?: Record<string, string[]>;
  /** When set, requests without `Authorization: Bearer <apiKey>` are answered 401. */
  apiKey?: string;
}

export interface FakeEmbeddingEndpoint {
  /** The `/v1/embeddings` URL to configure as EMBEDDING_URL. */
  url: string;
  model: string;
  /** Every request body received, in order. */
  requests: Array<{ model: string; input: string[] }>;
  /** The vector this endpoint gives a text (what a document or demand should carry). */
  vectorOf(text: string): number[];
  close(): Promise<void>;
}

/**
 * A real HTTP server standing in for an OpenAI-compatible embeddings API (the edge of the world): deterministic
 * feature-hashing vectors, plus hand-designed concepts. Never downloads or runs a model.
 */
export async function startFakeEmbeddingEndpoint(
  options: FakeEmbeddingEndpointOptions,
): Promise<FakeEmbeddingEndpoint> {
  const hashing = new DeterministicEmbedder(options.dimensions);
  const model = 'fake-embedding-model';
  const requests: FakeEmbeddingEndpoint['requests'] = [];
  const concepts = Object.entries(options.concepts ?? {});

  const vectorOf = (text: string): number[] => {
    const concept = concepts.find(([, phrases]) => phrases.some((phrase) => text.includes(phrase)));
    if (!concept) return hashing.vectorOf(text);
    const axis = hashing.vectorOf(`concept ${concept[0]}`);
    const own = hashing.vectorOf(text);
    const mixed = axis.map((x, i) => x + 0.1 * own[i]);
    const norm = Math.hypot(...mixed);
    return mixed.map((x) => x / norm);
  };

  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
        return reply(404, { error: { message: 'not found' } });
      }
      if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return reply(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
      }
      const body = JSON.parse(raw) as { model: string; input: string[] };
      requests.push(body);
      reply(200, {
        object: 'list',
        model: body.model,
        data: body.input.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text) })),
        usage: { prompt_tokens: 0, total_tokens: 0 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/embeddings`,
    model,
    requests,
    vectorOf,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
