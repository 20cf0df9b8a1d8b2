import OpenAI from 'openai';
import { NextResponse } from 'next/server';
import { getOpenAIComposio, composioUserId } from '@/lib/composio';
import { TOOLS } from '@/lib/tools';
import { userOrThrow, jsonError } from '@/lib/auth';

// v1 of the agent, before the Vercel AI SDK chat. Still used by the Zapier-
// style "run a prompt" integration, which posts { prompt } and waits.
// TODO: move onto /api/chat once the integration can stream.

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const MAX_TURNS = 5;

export async function POST(req: Request) {
  let prompt: string;
  try {
    ({ prompt } = (await req.json()) as { prompt: string });
  } catch {
    return NextResponse.json({ error: 'invalid JSON' }, { status: 400 });
  }

  try {
    const user = await userOrThrow();
    const userId = composioUserId(user);
    const composio = getOpenAIComposio();

    const tools = await composio.tools.get(userId, {
      toolkits: ['github', 'gmail'],
      limit: 20,
    });
    if (tools.length === 0) {
      return NextResponse.json({ error: 'No tools available; connect GitHub or Gmail first.' }, { status: 409 });
    }
    const toolNames = tools.map((t) => (t.type === 'function' ? t.function.name : t.custom.name));

    // Starring is the one write action the old agent was allowed to do
    // without confirmation; make sure it is in the list.
    if (!toolNames.includes(TOOLS.github.star)) {
      const star = await composio.tools.get(userId, TOOLS.github.star);
      tools.push(...star);
    }

    const messages: any[] = [
      { role: 'system', content: 'You are a helpful assistant with access to GitHub and Gmail.' },
      { role: 'user', content: prompt },
    ];

    for (let turn = 0; turn < MAX_TURNS; turn++) {
      const completion = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        tools,
      });

      const choice = completion.choices[0];
      messages.push(choice.message);

      if (!choice.message.tool_calls?.length) {
        return NextResponse.json({ answer: choice.message.content, turns: turn + 1, tools: toolNames.length });
      }

      const toolMessages = await composio.provider.handleToolCalls(userId, completion);
      messages.push(...toolMessages);
    }

    return NextResponse.json({ error: 'Agent did not finish', turns: MAX_TURNS }, { status: 504 });
  } catch (err) {
    return jsonError(err);
  }
}
