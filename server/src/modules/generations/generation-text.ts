/** "1 credit", "3 credits": the wording of event messages. */
export const creditsText = (credits: number) => `${credits} credit${credits === 1 ? '' : 's'}`;
