// GraphQL for "same bytes, measured once" (src/pipeline/stages/fingerprint.ts).
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'The source’s sha256, and the measurements taken from an earlier analysis of the same bytes (same owner) instead of being made again.',
})
export class MediaReuse {
  @Field(() => String) sha256!: string;
  @Field(() => ID, { nullable: true, description: 'The earlier task the stages below were taken from; null when nothing was reused.' })
  fromTaskId!: string | null;
  @Field(() => [String], {
    description: 'extracting_audio (media facts, audio, stills), perceiving (text, faces), transcribing (transcript).',
  })
  stages!: string[];
}
