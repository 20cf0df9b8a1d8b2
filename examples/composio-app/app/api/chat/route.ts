import { generateText, stepCountIs } from 'ai';
import { openai } from '@ai-sdk/openai';
import { getComposio } from '@/lib/composio';

export async function POST(req: Request) {
  const { userId, prompt, toolkits } = (await req.json()) as { userId: string; prompt: string; toolkits: string[] };
  const tools = await getComposio().tools.get(userId, { toolkits, limit: 20 });
  const result = await generateText({ model: openai('gpt-4o'), tools, prompt, stopWhen: stepCountIs(5) });
  return Response.json({ text: result.text });
}
