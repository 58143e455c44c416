// The query cost limit (GRAPHQL_MAX_COST), as GraphQL Armor computes it (objects 2, scalars 1, ×1.5
// per level, a literal `first`/`last` multiplying its selection) plus what Armor cannot know without
// the schema: a paged list field (PAGED_FIELDS) without `first` returns its default page and with
// `first: $variable` up to its maximum page, so it is counted as that many. Armor counted both as one
// item, which let `video { captions { cues { … } } }` return 18.9 MB of cues under the limit (issue 15).
import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  isInterfaceType,
  type ASTVisitor,
  type FieldNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** A list field with a page argument `first`: its default page and the largest one it serves. */
export interface PageSize {
  default: number;
  max: number;
}

/** Paged list fields by `Type.field`; resolvers enforce the same numbers (src/resolvers/caption.resolver.ts). */
export const PAGED_FIELDS: Record<string, PageSize> = {
  'Caption.cues': { default: 100, max: 500 },
};

export interface CostOptions {
  maxCost: number;
  paged?: Record<string, PageSize>;
}

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

export function costLimitRule(opts: CostOptions): (context: ValidationContext) => ASTVisitor {
  const paged = opts.paged ?? PAGED_FIELDS;
  return (context) => ({
    OperationDefinition(op) {
      const schema = context.getSchema();
      const root =
        op.operation === 'query'
          ? schema.getQueryType()
          : op.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      const seen = new Map<string, number>();
      const cost = selectionsCost(op.selectionSet, root ?? undefined, 0, true);
      if (cost > opts.maxCost) {
        context.reportError(
          new GraphQLError(`Syntax Error: Query Cost limit of ${opts.maxCost} exceeded, found ${cost}.`, { nodes: [op] }),
        );
      }

      function selectionsCost(set: SelectionSetNode, parent: GraphQLNamedType | undefined, depth: number, top = false): number {
        let total = 0;
        for (const sel of set.selections) {
          if (sel.kind === Kind.FIELD) total += (top ? 1 : DEPTH_FACTOR) * fieldCost(sel, parent, depth + 1);
          else if (sel.kind === Kind.INLINE_FRAGMENT) {
            const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) ?? parent) : parent;
            total += (top ? 1 : DEPTH_FACTOR) * (OBJECT_COST + selectionsCost(sel.selectionSet, t, depth + 1));
          } else {
            const name = sel.name.value;
            // A fragment spread twice costs what it cost the first time; a cycle (invalid anyway) costs nothing more.
            let c = seen.get(name);
            if (c === undefined) {
              seen.set(name, 0);
              const frag = context.getFragment(name);
              c = frag
                ? OBJECT_COST + selectionsCost(frag.selectionSet, schema.getType(frag.typeCondition.name.value) ?? parent, depth + 1)
                : 0;
              seen.set(name, c);
            }
            total += (top ? 1 : DEPTH_FACTOR) * (SCALAR_COST + DEPTH_FACTOR * c);
          }
        }
        return total;
      }

      function fieldCost(field: FieldNode, parent: GraphQLNamedType | undefined, depth: number): number {
        if (field.name.value === '__schema') return 0;
        if (!field.selectionSet) return SCALAR_COST;
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
        const child = def ? getNamedType(def.type) : undefined;
        return (OBJECT_COST + selectionsCost(field.selectionSet, child, depth)) * multiplier(field, parent);
      }

      function multiplier(field: FieldNode, parent: GraphQLNamedType | undefined): number {
        const page = parent ? paged[`${parent.name}.${field.name.value}`] : undefined;
        const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        if (arg?.value.kind === Kind.INT) return Math.max(1, parseInt(arg.value.value, 10) || 1);
        if (!page) return 1;
        // No `first`: the default page; a variable (or anything else): as much as it may return.
        return arg ? page.max : page.default;
      }
    },
  });
}
