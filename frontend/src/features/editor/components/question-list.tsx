import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { t, type MessageKey } from '../../../messages/catalogue';
import type { QuestionDraft } from '../quiz-draft';
import styles from './editor.module.css';

interface Props {
  questions: QuestionDraft[];
  selected: number;
  invalid: (index: number) => boolean;
  onSelect: (index: number) => void;
  onMove: (from: number, to: number) => void;
}

function label(question: QuestionDraft, index: number): string {
  return `${index + 1}. ${question.text.trim() || t('editor.list.untitled')}`;
}

function Item({ question, index, selected, invalid, onSelect }: { question: QuestionDraft; index: number; selected: boolean; invalid: boolean; onSelect: () => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: question.key });
  return (
    <li ref={setNodeRef} className={styles.item} data-dragging={isDragging || undefined} style={{ transform: CSS.Transform.toString(transform), transition }}>
      <button
        type="button"
        ref={setActivatorNodeRef}
        className={styles.handle}
        {...attributes}
        {...listeners}
        aria-label={t('editor.list.move', { label: label(question, index) })}
        aria-describedby="editor-reorder-help"
      >
        ⠿
      </button>
      <button type="button" className={styles.select} aria-current={selected ? 'true' : undefined} onClick={onSelect}>
        <span className={styles.itemText}>{label(question, index)}</span>
        <span className={styles.itemType}>
          {t(`editor.type.${question.type}` as MessageKey)}
          {invalid ? <strong className={styles.itemInvalid}> · {t('editor.list.needsFix')}</strong> : null}
        </span>
      </button>
    </li>
  );
}

/** The questions in playing order; drag a handle, or focus it and use Space and the arrow keys. */
export function QuestionList({ questions, selected, invalid, onSelect, onMove }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const position = (id: string | number) => questions.findIndex((question) => question.key === id) + 1;
  function onDragEnd(event: DragEndEvent) {
    if (!event.over || event.active.id === event.over.id) return;
    onMove(position(event.active.id) - 1, position(event.over.id) - 1);
  }
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t('editor.list.help') },
        announcements: {
          onDragStart: ({ active }) => t('editor.list.picked', { number: position(active.id) }),
          onDragOver: ({ active, over }) => (over ? t('editor.list.over', { number: position(active.id), position: position(over.id) }) : undefined),
          onDragEnd: ({ active, over }) => (over ? t('editor.list.dropped', { number: position(active.id), position: position(over.id) }) : undefined),
          onDragCancel: () => t('editor.list.cancelled'),
        },
      }}
    >
      <p id="editor-reorder-help" className="visually-hidden">
        {t('editor.list.help')}
      </p>
      <SortableContext items={questions.map((question) => question.key)} strategy={verticalListSortingStrategy}>
        <ol className={styles.list} aria-label={t('editor.list.label')}>
          {questions.map((question, index) => (
            <Item key={question.key} question={question} index={index} selected={index === selected} invalid={invalid(index)} onSelect={() => onSelect(index)} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
