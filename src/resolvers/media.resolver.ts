import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';
import { MediaThumbnail } from './media.types.js';

@Resolver(() => MediaThumbnail)
export class MediaThumbnailResolver {
  /** Signed per request (presigned for S3, HMAC-signed for local storage): stored results hold only keys. */
  @FieldResolver(() => String, { description: 'A time-limited URL of the JPEG.' })
  async url(@Root() thumbnail: MediaThumbnail, @Ctx() ctx: Context): Promise<string> {
    return ctx.services.storage.presignDownload(thumbnail.key);
  }
}
