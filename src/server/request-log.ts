/**
 * What the log writes of a request. A search by ID number puts the number in the query string
 * (`/api/registry/people?q=320684…`), and whoever reads the server's log must not get it, nor its
 * last digits: the query's values are left out and its names kept, so a line still tells what was
 * asked for. A path never carries personal data by design; an ID-shaped run of digits in one (a
 * client's mistake) is masked all the same.
 */
import type { FastifyRequest } from 'fastify';

const QUERY_NAME = /^[A-Za-z][\w.[\]-]{0,40}$/;
const ID_SHAPED = /\d{17}[\dXx]|\d{15}/g;

export function urlForLog(url: string): string {
  const start = url.indexOf('?');
  const path = (start === -1 ? url : url.slice(0, start)).replace(ID_SHAPED, '~');
  if (start === -1) return path;
  const names = url
    .slice(start + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const name = pair.split('=', 1)[0]!;
      return QUERY_NAME.test(name) ? `${name}=~` : '~';
    });
  return `${path}?${names.join('&')}`;
}

/** Fastify's own request serializer, with the URL as above. */
export function serializeRequestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: urlForLog(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
