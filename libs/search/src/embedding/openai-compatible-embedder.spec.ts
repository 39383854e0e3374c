import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { EmbeddingError } from '../domain/embedder';
import { OpenAiCompatibleEmbedder, OpenAiCompatibleEmbedderOptions } from './openai-compatible-embedder';

interface Received {
  body: { model: string; input: string[] };
  authorization?: string;
  contentType?: string;
  socket: Socket;
}

type Handler = (received: Received, response: ServerResponse) => void;

/** Vectors the test can predict: [length of the text, 1, 0, …]. */
const vectorOf = (text: string, dimensions: number) => [text.length, 1, ...new Array<number>(dimensions - 2).fill(0)];

const openAiAnswer =
  (dimensions: number): Handler =>
  ({ body }, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        object: 'list',
        data: body.input.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text, dimensions) })),
        model: body.model,
      }),
    );
  };

/** A real HTTP server standing in for the embeddings API; the handler can be swapped per test. */
describe('OpenAiCompatibleEmbedder against a real HTTP endpoint', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const received: Received[] = [];
  const embedders: OpenAiCompatibleEmbedder[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry: Received = {
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          socket: request.socket,
        };
        received.push(entry);
        handler(entry, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/embeddings`;
  });
  beforeEach(() => {
    received.length = 0;
    handler = openAiAnswer(4);
  });
  afterAll(async () => {
    for (const embedder of embedders) embedder.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const embedder = (options: Partial<OpenAiCompatibleEmbedderOptions> = {}) => {
    const created = new OpenAiCompatibleEmbedder({
      url,
      model: 'test-model',
      dimensions: 4,
      batchSize: 64,
      timeoutMs: 2_000,
      ...options,
    });
    embedders.push(created);
    return created;
  };

  it('posts {model, input} in batches, in order, over one kept-alive connection, with the bearer key', async () => {
    const client = embedder({ batchSize: 2, apiKey: 'sk-test-key' });
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    expect(await client.embed(texts)).toEqual(texts.map((text) => vectorOf(text, 4)));
    expect(received.map((r) => r.body)).toEqual([
      { model: 'test-model', input: ['a', 'bb'] },
      { model: 'test-model', input: ['ccc', 'dddd'] },
      { model: 'test-model', input: ['eeeee'] },
    ]);
    expect(received.every((r) => r.authorization === 'Bearer sk-test-key')).toBe(true);
    expect(received[0].contentType).toBe('application/json');
    expect(new Set(received.map((r) => r.socket)).size).toBe(1);
    expect(client.model).toBe('test-model');
    expect(client.dimensions).toBe(4);
  });

  it('sends no authorization header without a key, and nothing at all for no texts', async () => {
    const client = embedder();
    await client.embed(['x']);
    expect(received[0].authorization).toBeUndefined();
    received.length = 0;
    expect(await client.embed([])).toEqual([]);
    expect(received).toEqual([]);
  });

  it('orders the vectors by the index the endpoint gives', async () => {
    handler = ({ body }, response) => {
      const data = body.input.map((text, index) => ({ index, embedding: vectorOf(text, 4) })).reverse();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data }));
    };
    expect(await embedder().embed(['a', 'bb', 'ccc'])).toEqual(['a', 'bb', 'ccc'].map((t) => vectorOf(t, 4)));
  });

  it('reports a non-2xx answer with its status and the reason the endpoint gave', async () => {
    handler = (_received, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }));
    };
    const failure = await embedder()
      .embed(['a'])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddingError);
    expect(failure).toMatchObject({
      status: 401,
      message: 'embeddings endpoint answered 401: Incorrect API key provided',
    });

    handler = (_received, response) => {
      response.writeHead(503);
      response.end('upstream overloaded');
    };
    await expect(embedder().embed(['a'])).rejects.toThrow('embeddings endpoint answered 503: upstream overloaded');
  });

  it('refuses malformed answers: not JSON, no data, wrong count, wrong length, bad numbers', async () => {
    const answers: Array<[unknown, RegExp]> = [
      ['<html>gateway</html>', /no data array.*<html>gateway/],
      [{ embeddings: [[1, 1, 0, 0]] }, /no data array/],
      [{ data: [] }, /expected 1 vectors, got 0/],
      [{ data: [{ index: 0, embedding: [1, 2, 3] }] }, /vector 0 has 3 dimensions, expected 4/],
      [{ data: [{ index: 0, embedding: [1, 2, 3, 'x'] }] }, /finite numbers/],
      [{ data: [{ index: 3, embedding: [1, 2, 3, 4] }] }, /index 3 out of place/],
    ];
    for (const [answer, expected] of answers) {
      handler = (_received, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
      };
      await expect(embedder().embed(['a'])).rejects.toThrow(expected);
    }
  });

  it('gives up at the deadline when the endpoint does not answer', async () => {
    handler = () => undefined; // never answers: without the deadline this would outlast the test's timeout
    await expect(embedder({ timeoutMs: 300 }).embed(['a'])).rejects.toThrow(
      'embeddings endpoint gave no answer within 300 ms',
    );
  });

  it('reports an endpoint that is not listening', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(embedder({ url: `http://127.0.0.1:${port}/v1/embeddings` }).embed(['a'])).rejects.toThrow(
      /embeddings endpoint unreachable: .*ECONNREFUSED/,
    );
  });

  it('sends once more on a fresh socket when a kept-alive one turns out closed', async () => {
    const client = embedder();
    await client.embed(['a']);
    // The next request on that socket finds it reset (as when the server closed it while idle).
    const answer = openAiAnswer(4);
    handler = (entry, response) => {
      if (entry.socket === received[0].socket) entry.socket.destroy();
      else answer(entry, response);
    };
    expect(await client.embed(['bb'])).toEqual([vectorOf('bb', 4)]);
    expect(received).toHaveLength(3);
    expect(received[2].socket).not.toBe(received[0].socket);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => embedder({ url: 'ftp://example.com/embeddings' })).toThrow(/http\(s\) URL/);
  });
});
