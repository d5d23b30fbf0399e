import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';

render(<OptionsPage />, document.getElementById('app') as HTMLElement);
