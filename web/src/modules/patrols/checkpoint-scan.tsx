import { parseCheckpointQr } from '@binh-an/domain';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The Barcode Detection API where the browser has it (Chromium on Android); typing is the fallback everywhere. */
type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorClass | null {
  const candidate = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return candidate && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function' ? candidate : null;
}

export type ScanResult = { checkpointId: string | null; code: string };

/**
 * Reads what a scan or the user gives: a whole Bình An checkpoint code (`BINHAN-CP1:<id>:<code>`, which names its
 * checkpoint) or the code part alone (for the checkpoint being marked). Null for anything else.
 */
export function readScannedText(text: string): ScanResult | null {
  const parsed = parseCheckpointQr(text);
  if (parsed) return parsed;
  const bare = text.trim();
  return /^[A-Za-z0-9_-]{6,64}$/.test(bare) ? { checkpointId: null, code: bare } : null;
}

type CheckpointScanProps = {
  /** The checkpoint being marked, named in the title. */
  checkpointName: string | null;
  onClose: () => void;
  onResult: (result: ScanResult) => void;
};

/**
 * Marks a checkpoint by its QR code: the camera where the browser can read QR codes itself, or the code typed or
 * pasted (from another reader). Never depends on the camera: the field is always there.
 */
export function CheckpointScan({ checkpointName, onClose, onResult }: CheckpointScanProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [cameraState, setCameraState] = useState<'off' | 'starting' | 'on' | 'failed'>('off');
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const opened = checkpointName !== null;
  const Detector = barcodeDetector();

  useEffect(() => {
    if (!opened || cameraState !== 'starting' || !Detector) return;
    let stream: MediaStream | null = null;
    let isStopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      if (isStopped || !videoRef.current) return;
      try {
        const found = await detector.detect(videoRef.current);
        const result = found.map((b) => readScannedText(b.rawValue)).find((r) => r !== null);
        if (result) {
          onResult(result);
          return;
        }
      } catch {
        // A frame that could not be read: try the next one.
      }
      timer = setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        if (isStopped || !videoRef.current) return;
        videoRef.current.srcObject = media;
        await videoRef.current.play();
        setCameraState('on');
        void tick();
      })
      .catch(() => setCameraState('failed'));
    return () => {
      isStopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [opened, cameraState, Detector, onResult]);

  useEffect(() => {
    if (!opened) {
      setText('');
      setError(null);
      setCameraState('off');
    }
  }, [opened]);

  const submit = () => {
    const result = readScannedText(text);
    if (!result) {
      setError(t('patrolsPage.record.scanInvalid'));
      return;
    }
    onResult(result);
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('patrolsPage.record.scanTitle', { name: checkpointName ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen
    >
      <Stack gap="md">
        {Detector ? (
          <Stack gap="xs">
            {cameraState === 'off' || cameraState === 'failed' ? (
              <Button size="lg" onClick={() => setCameraState('starting')}>
                {t('patrolsPage.record.scanCamera')}
              </Button>
            ) : null}
            {cameraState === 'failed' ? <Text size="sm">{t('patrolsPage.record.scanCameraFailed')}</Text> : null}
            <video
              ref={videoRef}
              muted
              playsInline
              aria-label={t('patrolsPage.record.scanVideo')}
              style={{ width: '100%', maxHeight: '50vh', display: cameraState === 'on' || cameraState === 'starting' ? 'block' : 'none' }}
            />
          </Stack>
        ) : (
          <Text size="sm">{t('patrolsPage.record.scanNoCamera')}</Text>
        )}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('patrolsPage.record.scanCode')}
              description={t('patrolsPage.record.scanCodeHint')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={error}
              autoComplete="off"
              autoCapitalize="off"
              size="md"
            />
            <Group justify="flex-end">
              <Button type="submit" size="md">
                {t('patrolsPage.record.scanConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
