// The public calculators: no login needed (the per-IP rate limit still applies).
import { Arg, Ctx, Field, Float, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Audience, Platform } from '../domain/model.js';
import { calculateBudget, estimateAnalysisCost } from '../analysis/calculator.js';
import type { Context } from './context.js';
import { CostItem } from './result.types.js';
import { AnalysisOptionsInput } from './task.types.js';

@ObjectType()
export class CostEstimate {
  @Field(() => Float) durationSeconds!: number;
  @Field(() => Float) totalUsd!: number;
  @Field(() => [CostItem]) items!: CostItem[];
  @Field(() => [String]) assumptions!: string[];
}

@ObjectType()
export class BudgetAssumption {
  @Field(() => String) name!: string;
  @Field(() => Float) value!: number;
  @Field(() => String) note!: string;
}

@ObjectType({ description: 'A monthly campaign budget range from an explicit funnel model.' })
export class BudgetEstimate {
  @Field(() => Int) lowUsd!: number;
  @Field(() => Int) expectedUsd!: number;
  @Field(() => Int) highUsd!: number;
  @Field(() => Int) salesNeeded!: number;
  @Field(() => Int) clicksNeeded!: number;
  @Field(() => Int) impressionsNeeded!: number;
  @Field(() => [BudgetAssumption]) assumptions!: BudgetAssumption[];
}

@InputType()
export class BudgetInput {
  @Field(() => Float) monthlyRevenueGoal!: number;
  @Field(() => Float) avgTicketPrice!: number;
  @Field(() => Int, { description: 'The creative score, 0–100.' }) score!: number;
  @Field(() => Platform, { nullable: true }) platform?: Platform | null;
}

@Resolver()
export class CalculatorResolver {
  @Query(() => CostEstimate, { description: 'What analysing a video of this length will cost with the configured engines. Public.' })
  estimateAnalysisCost(
    @Arg('durationSeconds', () => Float) durationSeconds: number,
    @Ctx() ctx: Context,
    @Arg('analysis', () => AnalysisOptionsInput, { nullable: true }) analysis?: AnalysisOptionsInput,
  ): CostEstimate {
    return estimateAnalysisCost(
      durationSeconds,
      { platforms: analysis?.platforms ?? undefined, audiences: (analysis?.audiences ?? undefined) as Audience[] | undefined },
      ctx.services.engines,
    );
  }

  @Query(() => BudgetEstimate, { description: 'How much to spend for a monthly revenue goal, given the creative score. Public.' })
  calculateBudget(@Arg('input', () => BudgetInput) input: BudgetInput): BudgetEstimate {
    return calculateBudget(input);
  }
}
