import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { ErrorCode } from './errors';

/**
 * `@Authorized()` needs an API key; `@Authorized('ADMIN')` a provincial administrator's. Reads
 * are public and carry no decorator. The errors say what is missing (HTTP 401 / 403).
 */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.viewer) {
    throw new GraphQLError(
      "Authorization: this operation writes or reads protected records and needs a publisher's API key (`Authorization: Bearer sy_…`)",
      {
        extensions: { code: ErrorCode.UNAUTHENTICATED, field: 'Authorization', http: { status: 401 } },
      },
    );
  }
  if (roles.includes('ADMIN') && !context.viewer.isAdmin) {
    throw new GraphQLError("Authorization: only a provincial administrator's key may do this", {
      extensions: { code: ErrorCode.FORBIDDEN, field: 'Authorization', http: { status: 403 } },
    });
  }
  return true;
};
