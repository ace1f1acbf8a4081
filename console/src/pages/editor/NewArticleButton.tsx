import { Button } from 'antd';
import { useAreaT } from '../../app/area-i18n';
import { followInApp } from '../../app/router';
import { editorMessages } from './messages';

const NEW_ARTICLE = '/work/articles/new';

/** 新建文章: opens an empty editor (My work and the article list both offer it). */
export function NewArticleButton() {
  const t = useAreaT(editorMessages);
  return (
    <Button type="primary" href={NEW_ARTICLE} onClick={followInApp(NEW_ARTICLE)}>
      {t('newArticle')}
    </Button>
  );
}
