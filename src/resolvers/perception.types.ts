// GraphQL for what the eyes saw (src/domain/perception.ts): words, lines, faces and people per
// sampled frame, with boxes in pixels of the analysed frame, and the still with the boxes drawn.
import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';

@ObjectType({ description: 'A rectangle in pixels of the analysed frame (PerceptionFacts.frameWidth × frameHeight), origin top left.' })
export class PixelBox {
  @Field(() => Int) x!: number;
  @Field(() => Int) y!: number;
  @Field(() => Int) width!: number;
  @Field(() => Int) height!: number;
}

@ObjectType({ description: 'A word read on screen.' })
export class SeenWord {
  @Field(() => String) text!: string;
  @Field(() => Float, { description: "The OCR engine's confidence, 0–1." }) confidence!: number;
  @Field(() => PixelBox) box!: PixelBox;
  @Field(() => String, { description: 'raw (the frame), white or yellow (a mask of those pixels): the pass that read it.' }) pass!: string;
}

@ObjectType({ description: 'Words on one line: a caption, a title, a button.' })
export class SeenLine {
  @Field(() => String) text!: string;
  @Field(() => PixelBox) box!: PixelBox;
  @Field(() => Float) confidence!: number;
  @Field(() => Float, { description: 'Box height / frame height: how large the print is.' }) relativeHeight!: number;
}

@ObjectType()
export class SeenFace {
  @Field(() => PixelBox) box!: PixelBox;
  @Field(() => Float, { description: 'Detector score, 0–1.' }) score!: number;
  @Field(() => Float, { description: 'Box height / frame height.' }) relativeHeight!: number;
  @Field(() => Float, { description: 'Box area / frame area.' }) relativeArea!: number;
}

@ObjectType()
export class SeenPerson {
  @Field(() => PixelBox) box!: PixelBox;
  @Field(() => Float) score!: number;
  @Field(() => Float, { description: 'Box area / frame area.' }) relativeArea!: number;
}

@ObjectType({ description: 'One sampled frame and what was seen on it.' })
export class PerceivedFrame {
  @Field(() => Float) atSeconds!: number;
  @Field(() => [String], {
    description: 'Why it was sampled: first, second (each second of the first 5 s), shot (a shot’s first frame), last.',
  })
  reasons!: string[];
  @Field(() => [SeenWord]) words!: SeenWord[];
  @Field(() => [SeenLine]) lines!: SeenLine[];
  @Field(() => Float, {
    nullable: true,
    description: 'The picture barely changed since the frame at this time: its words and faces were reused, not read again.',
  })
  reusedFrom!: number | null;
  @Field(() => [SeenFace]) faces!: SeenFace[];
  @Field(() => [SeenPerson]) people!: SeenPerson[];
  /** Storage key of the still with the boxes; `still` signs it per request. */
  stillKey!: string | null;
}

@ObjectType({
  description:
    'A perception fact not measured, and why: NO_OCR_ENGINE, NO_FACE_ENGINE, NO_VIDEO_STREAM, DECODE_FAILED, FRAME_UNREADABLE, …',
})
export class PerceptionUnmeasured {
  @Field(() => String, { description: 'frames, text, faces or people.' }) fact!: string;
  @Field(() => String) reason!: string;
  @Field(() => Float, { nullable: true, description: 'The frame concerned, when only some failed.' }) atSeconds!: number | null;
}

@ObjectType()
export class PerceptionEngines {
  @Field(() => String, { nullable: true, description: 'e.g. "tesseract 5.3.0 (por+eng)"; null without OCR.' }) ocr!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "human 3.3.6 (blazeface, centernet)"; null without face detection.' }) faces!:
    string | null;
}

@ObjectType({ description: 'What the eyes saw on the sampled frames: on-screen text (OCR) and faces/people, with boxes.' })
export class PerceptionFacts {
  @Field(() => PerceptionEngines) engines!: PerceptionEngines;
  @Field(() => Int) frameWidth!: number;
  @Field(() => Int) frameHeight!: number;
  @Field(() => [PerceivedFrame]) frames!: PerceivedFrame[];
  @Field(() => Int, { description: 'Frames read by OCR; the others reused an unchanged frame’s words.' }) ocrFrames!: number;
  @Field(() => Boolean, { description: 'More frames were wanted than PERCEPTION_MAX_FRAMES: shot frames were thinned evenly.' })
  capped!: boolean;
  @Field(() => [PerceptionUnmeasured]) unmeasured!: PerceptionUnmeasured[];
  @Field(() => Int, { description: 'CPU milliseconds perception spent (decode, OCR, faces and the rest).' }) cpuMs!: number;
  @Field(() => Boolean, { description: 'Measured on an earlier upload of the same bytes (sha256) and reused, not measured again.' })
  reused!: boolean;
}

@Resolver(() => PerceivedFrame)
export class PerceivedFrameResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'A time-limited URL of the still (JPEG) with the boxes drawn: text red, faces green, people cyan.',
  })
  async still(@Root() frame: PerceivedFrame, @Ctx() ctx: Context): Promise<string | null> {
    return frame.stillKey ? ctx.services.storage.presignDownload(frame.stillKey) : null;
  }
}

@ObjectType({ description: 'What was seen on screen behind a check or an issue: the words read (or a face, a person), where and when.' })
export class SeenEvidence {
  @Field(() => String, { description: 'text, face or person.' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The words read; null for faces and people.' }) text!: string | null;
  @Field(() => Float) atSeconds!: number;
  @Field(() => PixelBox) box!: PixelBox;
  /** Storage key of the still with the boxes; `frame` signs it. */
  frameKey!: string | null;
}

@Resolver(() => SeenEvidence)
export class SeenEvidenceResolver {
  @FieldResolver(() => String, { nullable: true, description: 'A time-limited URL of the still with the boxes drawn.' })
  async frame(@Root() seen: SeenEvidence, @Ctx() ctx: Context): Promise<string | null> {
    return seen.frameKey ? ctx.services.storage.presignDownload(seen.frameKey) : null;
  }
}
