import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { registerNodeLoader } from '../graphql/node-registry';
import { findRows } from '../db/rows';
import { Programme } from './programme.entity';
import { ProgrammeObject } from './programme.type';

registerNodeLoader(
  'Programme',
  async (em, key) => {
    const [p] = await findRows(em, Programme, { key });
    return p ? ProgrammeObject.from(p) : null;
  },
  'text',
);

@Resolver(() => ProgrammeObject)
export class ProgrammeResolver {
  @Query(() => [ProgrammeObject], { description: 'The 16 programmes of 云政发〔2021〕28号, in document order.' })
  async programmes(@Ctx() ctx: Context) {
    return (await findRows(ctx.em, Programme, {}, { id: 'asc' })).map(ProgrammeObject.from);
  }
}
