import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import { readPopupStart } from '../../components/popup/popup-start';

void readPopupStart().then((initial) => render(<PopupApp initial={initial} />, document.getElementById('app') as HTMLElement));
