import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { TagsEditor, newTags } from './TagsEditor';

function Harness({ initial = [] as string[] }) {
  const [tags, setTags] = useState(initial);
  return <TagsEditor tags={tags} onChange={setTags} />;
}

function chips() {
  const list = screen.queryByRole('list', { name: 'Chosen tags' });
  return list
    ? within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent)
    : [];
}

describe('TagsEditor', () => {
  it('splits typed text at commas, without blanks or repeats', () => {
    expect(newTags(' film, , Portrait,portrait ', ['FILM'])).toEqual(['Portrait']);
  });

  it('adds a tag on Enter or comma, removes one, and takes the last back on Backspace', () => {
    render(<Harness initial={['film']} />);
    const box = screen.getByRole('textbox', { name: 'Tags' });
    fireEvent.change(box, { target: { value: 'portrait' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(box, { target: { value: 'warm light, cold' } });
    expect(chips()).toEqual(['film', 'portrait', 'warm light']);
    expect((box as HTMLInputElement).value).toBe('cold');
    fireEvent.blur(box);
    expect(chips()).toEqual(['film', 'portrait', 'warm light', 'cold']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove tag portrait' }));
    expect(chips()).toEqual(['film', 'warm light', 'cold']);
    fireEvent.keyDown(box, { key: 'Backspace' });
    expect(chips()).toEqual(['film', 'warm light']);
    expect((box as HTMLInputElement).value).toBe('cold');
  });
});
