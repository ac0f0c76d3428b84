/**
 * The NutUI React Taro components the app uses, imported one by one with their own stylesheet: the whole
 * library's CSS would add ~330 KB to the weapp main package (TOOLCHAIN.md).
 */
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index'
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell/index'
import CellGroup from '@nutui/nutui-react-taro/dist/es/packages/cellgroup/index'
import Empty from '@nutui/nutui-react-taro/dist/es/packages/empty/index'
import Input from '@nutui/nutui-react-taro/dist/es/packages/input/index'
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag/index'
import Progress from '@nutui/nutui-react-taro/dist/es/packages/progress/index'
import NoticeBar from '@nutui/nutui-react-taro/dist/es/packages/noticebar/index'
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch/index'
import TextArea from '@nutui/nutui-react-taro/dist/es/packages/textarea/index'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/noticebar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'

export { Button, Cell, CellGroup, Empty, Input, Tag, Progress, NoticeBar, Switch, TextArea }
