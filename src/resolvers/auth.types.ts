import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

export enum Role {
  USER = 'user',
  ADMIN = 'admin',
}
registerEnumType(Role, { name: 'Role' });

@ObjectType()
export class User {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => Role) role!: Role;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType({ description: 'A session: send `token` as "Authorization: Bearer <token>"; renew it with refreshToken.' })
export class AuthPayload {
  @Field(() => String) token!: string;
  @Field(() => String) refreshToken!: string;
  @Field(() => DateTimeResolver) expiresAt!: Date;
  @Field(() => User) user!: User;
}

export enum RegisterStatus {
  SIGNED_IN = 'SIGNED_IN',
  CONFIRM_EMAIL = 'CONFIRM_EMAIL',
}
registerEnumType(RegisterStatus, {
  name: 'RegisterStatus',
  valuesConfig: {
    SIGNED_IN: { description: 'The account exists and `session` is its first session.' },
    CONFIRM_EMAIL: {
      description: 'Supabase mode with email confirmation on: follow the link emailed to the address, then signIn. No session yet.',
    },
  },
});

@ObjectType({ description: "register's answer: a session, or what the account must do first." })
export class RegisterPayload {
  @Field(() => RegisterStatus) status!: RegisterStatus;
  @Field(() => AuthPayload, { nullable: true, description: 'Set when status is SIGNED_IN.' }) session!: AuthPayload | null;
  @Field(() => String, { description: 'What to tell the person, in English.' }) message!: string;
}

@InputType()
export class CredentialsInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
}

@ObjectType()
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Public part of the key, for recognising it in listings.' }) prefix!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field(() => String, { description: 'The key itself, shown only this once; send it as "Authorization: Bearer <key>".' }) key!: string;
}
