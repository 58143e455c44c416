import { Field, ObjectType, Query, Resolver } from 'type-graphql';

@ObjectType()
export class Health {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => String) version!: string;
}

@Resolver()
export class HealthResolver {
  @Query(() => Health, { description: 'Liveness; public.' })
  health(): Health {
    return { ok: true, version: process.env.npm_package_version ?? '0.1.0' };
  }
}
