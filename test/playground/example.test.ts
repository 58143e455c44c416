// The operations pre-filled in the IDE must be valid against the schema a new user meets.
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildBaseSchema } from '../../src/schema.js';
import { PLAYGROUND_EXAMPLE } from '../../src/playground.js';

describe('IDE example operations', () => {
  it('validate against the schema and cover sign-up, upload, confirm, follow and result', async () => {
    const doc = parse(PLAYGROUND_EXAMPLE);
    expect(validate(await buildBaseSchema(), doc).map((e) => e.message)).toEqual([]);
    const names = doc.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
    expect(names).toEqual(expect.arrayContaining(['SignUp', 'CreateUpload', 'ConfirmUpload', 'FollowTask', 'TaskResult']));
  });
});
